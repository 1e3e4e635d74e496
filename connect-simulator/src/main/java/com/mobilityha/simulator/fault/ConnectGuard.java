package com.mobilityha.simulator.fault;

import com.mobilityha.simulator.instance.AwsError;
import com.mobilityha.simulator.instance.ConnectInstance;
import com.mobilityha.simulator.instance.InstanceRegistry;
import com.mobilityha.simulator.quota.ApiQuotas;
import com.mobilityha.simulator.seed.SimulatorConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place every simulated Connect operation passes first: the instance's faults (as the
 * network would show them), then SigV4 authentication as AWS checks it, then the account's API
 * quotas ({@link ApiQuotas}), then injected throttling and errors.
 * Runs on worker threads, so delays and hangs block only their own request.
 */
@ApplicationScoped
public class ConnectGuard {
    private static final Pattern SIGV4 = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request, ?"
                    + "SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})");

    private final Map<String, FaultSettings> faults = new ConcurrentHashMap<>();
    private final Map<String, Object> hangLocks = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> blips = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> slowCalls = new ConcurrentHashMap<>();
    private final InstanceRegistry instances;
    private final ApiQuotas quotas;
    private final SimulatorConfig config;
    private final MeterRegistry metrics;

    ConnectGuard(InstanceRegistry instances, ApiQuotas quotas, SimulatorConfig config, MeterRegistry metrics) {
        this.instances = instances;
        this.quotas = quotas;
        this.config = config;
        this.metrics = metrics;
    }

    /** Applies faults and authentication for a call of {@code operation} on {@code instanceId}. */
    public void enter(String instanceId, String operation, HttpServerRequest request) {
        FaultSettings settings = faults.getOrDefault(instanceId, FaultSettings.HEALTHY);
        String outcome = "ok";
        try {
            switch (settings.mode()) {
                case RESET -> {
                    outcome = "reset";
                    dropConnection(request);
                    throw new ConnectionDropped();
                }
                case HANG -> {
                    outcome = "hang";
                    hang(instanceId);
                    dropConnection(request);
                    throw new ConnectionDropped();
                }
                default -> {
                    // answers normally, subject to the checks below
                }
            }
            authenticate(request, "connect");
            if (settings.slows(operation) && (settings.slowNext() == 0 || takeOne(slowCalls, instanceId))) {
                sleep(settings.latencyMs());
            }
            if (instances.exists(instanceId)) {
                ConnectInstance instance = instances.require(instanceId);
                if (!quotas.tryTake(instance.accountId(), instance.region(), operation)) {
                    outcome = "throttled";
                    throw quotas.throttled(operation);
                }
            }
            if (settings.throttle()) {
                outcome = "throttled";
                throw new AwsError(429, "ThrottlingException", "Rate exceeded");
            }
            if (settings.mode() == FaultSettings.Mode.ERROR_500
                    || ThreadLocalRandom.current().nextDouble() < settings.errorRate()
                    || takeOne(blips, instanceId)) {
                outcome = "error";
                throw new AwsError(500, "InternalServiceException", "Request processing failed due to an internal error");
            }
        } catch (AwsError e) {
            if (outcome.equals("ok")) {
                outcome = "refused";
            }
            throw e;
        } finally {
            metrics.counter("simulator.requests", "instance", instances.exists(instanceId) ? instanceId : "unknown",
                    "operation", operation, "outcome", outcome).increment();
        }
    }

    public FaultSettings faults(String instanceId) {
        instances.require(instanceId);
        return faults.getOrDefault(instanceId, FaultSettings.HEALTHY);
    }

    /** Sets an instance's faults; hung calls of a no-longer-hanging instance are released. */
    public FaultSettings setFaults(String instanceId, FaultSettings settings) {
        instances.require(instanceId);
        String invalid = settings.invalidReason();
        if (invalid != null) {
            throw AwsError.invalidParameter(invalid);
        }
        FaultSettings normalized = settings.normalized();
        faults.put(instanceId, normalized);
        blips.put(instanceId, new AtomicInteger(normalized.failNext()));
        slowCalls.put(instanceId, new AtomicInteger(normalized.slowNext()));
        if (normalized.mode() != FaultSettings.Mode.HANG) {
            release(instanceId);
        }
        return normalized;
    }

    /** Every instance healthy again. */
    public void clear() {
        faults.clear();
        blips.clear();
        slowCalls.clear();
        hangLocks.keySet().forEach(this::release);
    }

    /** Counts one call off an instance's counter; true when there was one left. */
    private static boolean takeOne(Map<String, AtomicInteger> counters, String instanceId) {
        AtomicInteger left = counters.get(instanceId);
        return left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    /**
     * The Region a request was signed for (its SigV4 credential scope): the regional endpoint it was
     * sent to, as far as AWS is concerned. Null when the header is not SigV4 ({@link #enter} refuses it).
     */
    public String signingRegion(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        Matcher sigv4 = authorization == null ? null : SIGV4.matcher(authorization);
        return sigv4 != null && sigv4.matches() ? sigv4.group(3) : null;
    }

    /** Checks a request's SigV4 Authorization header as AWS does for {@code service}: the simulator's key, signing host and date. */
    public void authenticate(HttpServerRequest request, String service) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || authorization.isBlank()) {
            throw new AwsError(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        Matcher sigv4 = SIGV4.matcher(authorization);
        if (!sigv4.matches()) {
            throw new AwsError(403, "IncompleteSignatureException",
                    "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.");
        }
        if (!sigv4.group(1).equals(config.credentials().accessKeyId())) {
            throw new AwsError(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
        }
        if (!sigv4.group(4).equals(service)) {
            throw new AwsError(403, "InvalidSignatureException", "Credential should be scoped to correct service: '" + service + "'.");
        }
        if (!sigv4.group(5).contains("host") || !sigv4.group(5).contains("x-amz-date")) {
            throw new AwsError(403, "InvalidSignatureException", "The request signature must sign host and x-amz-date.");
        }
    }

    private void hang(String instanceId) {
        Object lock = hangLocks.computeIfAbsent(instanceId, id -> new Object());
        synchronized (lock) {
            while (faults.getOrDefault(instanceId, FaultSettings.HEALTHY).mode() == FaultSettings.Mode.HANG) {
                try {
                    lock.wait(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void release(String instanceId) {
        Object lock = hangLocks.get(instanceId);
        if (lock != null) {
            synchronized (lock) {
                lock.notifyAll();
            }
        }
    }

    /**
     * Closes the socket and waits until it is closed, so that no answer leaves: Vert.x's
     * {@code HttpConnection.close()} would let the in-flight response out first.
     */
    private static void dropConnection(HttpServerRequest request) {
        if (request.connection() instanceof ConnectionBase connection) {
            connection.channel().close().awaitUninterruptibly(2_000);
        } else {
            request.connection().close();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The call was dropped without an answer (RESET) or released from a hang. */
    public static final class ConnectionDropped extends RuntimeException {
        ConnectionDropped() {
            super("connection dropped", null, false, false);
        }
    }
}
