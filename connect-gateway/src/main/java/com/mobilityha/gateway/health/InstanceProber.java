package com.mobilityha.gateway.health;

import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.gateway.budget.ConnectBudget;
import com.mobilityha.gateway.connect.ConnectCalls;
import com.mobilityha.gateway.connect.ConnectClients;
import com.mobilityha.gateway.connect.ConnectConfig;
import com.mobilityha.gateway.connect.ConnectErrors;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * One probe of an instance (DescribeInstance, the cheapest call that names the instance) and what it
 * tells. A probe that timed out counts as a failure only if this JVM ran on time while it waited:
 * the probe's measured wait stayed within half a timeout of its bound and the JVM's pauses during
 * it ({@link JvmPauses}) added up to less than a quarter of the timeout. Otherwise the timeout
 * measured this process.
 * A refused connection, a reset or a 5xx is evidence however slow the JVM is. Probes are background
 * work: a probe the Connect API budget cannot pay for now is not made (no news).
 */
@ApplicationScoped
public class InstanceProber {
    private static final Logger LOG = Logger.getLogger(InstanceProber.class);
    /** The Connect operation a probe calls. */
    static final String OPERATION = "DescribeInstance";
    /** How long a warm-up probe the budget cannot pay for now waits before asking again. */
    private static final Duration WARM_UP_TURN = Duration.ofMillis(250);

    private final ConnectClients clients;
    private final ConnectCalls calls;
    private final JvmPauses pauses;
    private final ConnectConfig.Health config;
    private final ConnectBudget budget;

    InstanceProber(ConnectClients clients, ConnectCalls calls, JvmPauses pauses, ConnectConfig config,
                   ConnectBudget budget) {
        this.budget = budget;
        this.clients = clients;
        this.calls = calls;
        this.pauses = pauses;
        this.config = config.health();
    }

    /** One probe bounded by the probe timeout, through the breaker when it is not closed (a trial). */
    public ProbeResult probe(InstanceRef instance) {
        if (!budget.spendInBackground(instance, OPERATION)) {
            return ProbeResult.INCONCLUSIVE;
        }
        Supplier<Object> describe = () -> describe(instance, config.probeTimeout());
        long start = System.nanoTime();
        try {
            if (calls.breakerState(instance.instanceId()) == CircuitBreakerState.CLOSED) {
                describe.get();
            } else {
                calls.trial(instance, describe);
            }
            return ProbeResult.ANSWERED;
        } catch (CircuitBreakerOpenException e) {
            return ProbeResult.INCONCLUSIVE;
        } catch (RuntimeException e) {
            if (ConnectErrors.isThrottling(e)) {
                budget.throttledByConnect(instance, OPERATION);
            }
            if (!ConnectErrors.isInstanceFailure(e)) {
                return ProbeResult.ANSWERED;
            }
            return isTimeout(e) && !ranOnTime(instance, start, System.nanoTime())
                    ? ProbeResult.INCONCLUSIVE : ProbeResult.FAILED;
        }
    }

    /**
     * Warms this instance's probe path on a cold JVM (SDK classes, marshallers, signer, the first
     * connection): probes with a generous timeout until one completes (answered or refused, not timed
     * out) within the probe timeout, so the first-use cost never counts as a failed probe; gives up
     * at the deadline (a dead instance cannot complete any), after which probes count as usual. Each
     * warm-up probe is paid from the budget like any probe: pods starting together wait their turn.
     */
    public void warmUp(InstanceRef instance, long deadlineNanos) {
        for (int attempt = 1; System.nanoTime() < deadlineNanos; attempt++) {
            if (!budget.spendInBackground(instance, OPERATION)) {
                attempt--;
                pause(WARM_UP_TURN);
                continue;
            }
            Duration left = Duration.ofNanos(deadlineNanos - System.nanoTime());
            Duration bound = left.compareTo(config.warmupTimeout()) < 0 ? left : config.warmupTimeout();
            long start = System.nanoTime();
            boolean completed = true;
            try {
                describe(instance, bound.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : bound);
            } catch (RuntimeException e) {
                completed = !isTimeout(e);
                LOG.debugf("Warm-up probe %d of instance %s: %s", attempt, instance.instanceId(),
                        e.getClass().getSimpleName());
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (completed && took.compareTo(config.probeTimeout()) < 0) {
                LOG.infof("Connect instance %s (%s): probe path warm after %d probe(s), the last in %d ms",
                        instance.instanceId(), instance.role(), attempt, took.toMillis());
                return;
            }
        }
        LOG.warnf("Connect instance %s (%s): no probe completed within %d ms during warm-up; probes count from now",
                instance.instanceId(), instance.role(), config.probeTimeout().toMillis());
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Warm-up interrupted", e);
        }
    }

    private Object describe(InstanceRef instance, Duration timeout) {
        return clients.of(instance).describeInstance(r -> r.instanceId(instance.instanceId())
                .overrideConfiguration(ConnectClients.boundedBy(timeout)));
    }

    private boolean ranOnTime(InstanceRef instance, long start, long end) {
        Duration timeout = config.probeTimeout();
        Duration waited = Duration.ofNanos(end - start);
        Duration paused = pauses.pausedBetween(start, end);
        boolean onTime = waited.compareTo(timeout.plus(timeout.dividedBy(2))) <= 0
                && paused.compareTo(timeout.dividedBy(4)) < 0;
        if (!onTime) {
            LOG.infof("Connect instance %s: a probe timed out after %d ms while this JVM stood still for %d ms;"
                    + " not counted", instance.instanceId(), waited.toMillis(), paused.toMillis());
        }
        return onTime;
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException
                    || t instanceof InterruptedIOException
                    || t instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
