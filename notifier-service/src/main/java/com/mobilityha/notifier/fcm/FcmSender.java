package com.mobilityha.notifier.fcm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityha.common.notification.Push;
import com.mobilityha.notifier.config.NotifierConfig;
import com.mobilityha.notifier.device.Device;
import com.mobilityha.notifier.metrics.PushMetrics;
import com.mobilityha.notifier.push.PushSender;
import com.mobilityha.notifier.push.SendOutcome;
import com.mobilityha.notifier.push.SendSlots;
import io.micrometer.core.instrument.Timer;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Sends Android pushes through FCM HTTP v1 with one long-lived REST client: high priority, short
 * TTL, collapse key, no secrets in the data. FCM's answers are sorted like APNs's: a token FCM no
 * longer knows is pruned, quota and availability errors are retried later (the stream's backoff),
 * a refused access token is fetched anew, anything else fails for good. The {@link PushSender} of
 * Android devices.
 */
@ApplicationScoped
public class FcmSender implements PushSender {
    private static final Logger LOG = Logger.getLogger(FcmSender.class);
    private static final Set<String> DEAD_TOKEN = Set.of("UNREGISTERED", "SENDER_ID_MISMATCH");
    private static final Set<String> TRANSIENT = Set.of("QUOTA_EXCEEDED", "UNAVAILABLE", "INTERNAL");

    private final Optional<Client> client;
    private final NotifierConfig.Fcm config;
    private final PushMetrics metrics;
    private final ObjectMapper mapper;
    private final SendSlots inFlight;

    FcmSender(NotifierConfig config, ObjectMapper mapper, PushMetrics metrics) {
        this.config = config.fcm();
        this.mapper = mapper;
        this.metrics = metrics;
        this.inFlight = new SendSlots(this.config.maxConcurrentSends());
        this.client = this.config.serviceAccountFile().map(file -> {
            ServiceAccount account = ServiceAccount.load(Path.of(file), mapper);
            LOG.infof("FCM client for project %s at %s", account.projectId(), this.config.endpoint());
            return new Client(account, new AccessTokens(account, mapper), QuarkusRestClientBuilder.newBuilder()
                    .baseUri(URI.create(this.config.endpoint())).build(FcmApi.class));
        });
    }

    /** The client's state for health: unconfigured, or the project and whether tokens can be had. */
    public Optional<String> tokenFailure() {
        return client.map(c -> c.tokens().lastFailure());
    }

    /** The Firebase project, when configured. */
    public Optional<String> project() {
        return client.map(c -> c.account().projectId());
    }

    @Override
    public Device.Platform platform() {
        return Device.Platform.FCM;
    }

    /** True when a service account is configured. */
    @Override
    public boolean configured() {
        return client.isPresent();
    }

    /**
     * Sends one push to one Android device; waits for a free slot when too many are in flight. The slot is
     * free again once FCM answered, or at once when the push cannot even be built.
     */
    @Override
    public CompletableFuture<SendOutcome> send(Device device, Push push) throws InterruptedException {
        if (client.isEmpty()) {
            return CompletableFuture.completedFuture(SendOutcome.FAILED);
        }
        Client fcm = client.get();
        String bearer;
        try {
            bearer = "Bearer " + fcm.tokens().current();
        } catch (RuntimeException e) {
            LOG.warnf("No FCM access token, will retry: %s", e.getMessage());
            return CompletableFuture.completedFuture(SendOutcome.RETRY);
        }
        inFlight.take();
        Timer.Sample sample = metrics.start();
        return sendNow(fcm, bearer, device, push).whenComplete((outcome, failure) -> {
            inFlight.give();
            metrics.record(sample, Device.Platform.FCM, push.kind(), outcome);
        });
    }

    /**
     * FCM's answer, sorted; FAILED at once when the message cannot be built (e.g. a stored registration
     * without its token): no later attempt can succeed.
     */
    private CompletableFuture<SendOutcome> sendNow(Client fcm, String bearer, Device device, Push push) {
        try {
            return fcm.api().send(fcm.account().projectId(), bearer, message(device, push)).toCompletableFuture()
                    .handle((response, failure) -> failure == null ? outcome(fcm, response) : outcome(fcm, failure));
        } catch (RuntimeException unbuildable) {
            LOG.warnf("FCM push of notification %s cannot be built, not sent: %s", push.notificationId(),
                    unbuildable.toString());
            return CompletableFuture.completedFuture(SendOutcome.FAILED);
        }
    }

    private Map<String, Object> message(Device device, Push push) {
        Map<String, String> data = new HashMap<>(Map.of("kind", push.kind().name(), "companyCode", push.companyCode(),
                "notificationId", push.notificationId(), "collapseId", push.collapseId()));
        if (push.instanceRole() != null) {
            data.put("instanceRole", push.instanceRole());
        }
        if (push.message() != null) {
            data.put("message", push.message());
        }
        if (push.silent()) {
            data.put("silent", "true");
        }
        if (push.signInSlot() != null) {
            data.put("signInAfter", Long.toString(push.signInSlot().afterSecondsAt(Instant.now())));
            data.put("signInWithin", Long.toString(push.signInSlot().withinSeconds()));
        }
        return Map.of("message", Map.of("token", device.token(), "data", data,
                "android", Map.of("priority", push.silent() ? "NORMAL" : "HIGH", "ttl", config.ttl().toSeconds() + "s",
                        "collapse_key", push.collapseId())));
    }

    private SendOutcome outcome(Client fcm, Response response) {
        if (response.getStatus() / 100 == 2) {
            return SendOutcome.SENT;
        }
        return refused(fcm, response.getStatus(), response.hasEntity() ? response.readEntity(String.class) : "");
    }

    private SendOutcome outcome(Client fcm, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof WebApplicationException refused) {
            Response response = refused.getResponse();
            return refused(fcm, response.getStatus(), response.hasEntity() ? response.readEntity(String.class) : "");
        }
        LOG.warnf("FCM send failed, will retry: %s", cause.toString());
        return SendOutcome.RETRY;
    }

    /** Sorts an FCM error ({@code error.details[].errorCode}, else {@code error.status}). */
    private SendOutcome refused(Client fcm, int status, String body) {
        String code = errorCode(body);
        if (DEAD_TOKEN.contains(code) || status == 404) {
            return SendOutcome.PRUNE;
        }
        if (status == 401) {
            fcm.tokens().invalidate();
            return SendOutcome.RETRY;
        }
        if (TRANSIENT.contains(code) || status == 429 || status >= 500) {
            return SendOutcome.RETRY;
        }
        LOG.warnf("FCM refused a push for good: HTTP %d %s", status, code);
        return SendOutcome.FAILED;
    }

    private String errorCode(String body) {
        try {
            JsonNode error = mapper.readTree(body).path("error");
            for (JsonNode detail : error.path("details")) {
                if (detail.hasNonNull("errorCode")) {
                    return detail.get("errorCode").asText();
                }
            }
            return error.path("status").asText("");
        } catch (Exception e) {
            return "";
        }
    }

    /** The configured account, its tokens and the REST client. */
    private record Client(ServiceAccount account, AccessTokens tokens, FcmApi api) {
    }
}
