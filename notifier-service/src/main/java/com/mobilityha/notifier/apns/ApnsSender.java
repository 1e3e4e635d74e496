package com.mobilityha.notifier.apns;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import com.mobilityha.common.notification.Push;
import com.mobilityha.notifier.config.NotifierConfig;
import com.mobilityha.notifier.device.Device;
import com.mobilityha.notifier.metrics.PushMetrics;
import com.mobilityha.notifier.push.PushSender;
import com.mobilityha.notifier.push.SendOutcome;
import com.mobilityha.notifier.push.SendSlots;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends pushes through one long-lived Pushy {@link ApnsClient} per APNs environment (HTTP/2, token
 * authentication), built on the environment's first push (its event loop and TLS context cost the
 * start time, and most sites never push to the sandbox); the signing key is read and checked at start,
 * so a site with an unusable key never turns ready. {@link SendSlots} bound the notifications in
 * flight; failover kinds go out as immediate alert pushes (background pushes are throttled by iOS)
 * with a short expiration and a collapse id. The {@link PushSender} of iOS devices.
 */
@Startup
@ApplicationScoped
public class ApnsSender implements PushSender {
    private static final Logger LOG = Logger.getLogger(ApnsSender.class);
    private static final Set<String> DEAD_TOKEN = Set.of("Unregistered", "BadDeviceToken", "DeviceTokenNotForTopic",
            "ExpiredToken");
    private static final Set<String> TRANSIENT = Set.of("TooManyRequests", "InternalServerError",
            "ServiceUnavailable", "Shutdown", "IdleTimeout", "ExpiredProviderToken");

    private final Map<Device.ApnsEnvironment, ApnsClient> clients = new ConcurrentHashMap<>();
    private final ApnsSigningKey signingKey;
    private final SendSlots inFlight;
    private final NotifierConfig.Apns config;
    private final PushMetrics metrics;
    private final AlertPayloads payloads = new AlertPayloads();
    private volatile boolean closed;

    ApnsSender(NotifierConfig config, PushMetrics metrics) {
        this.config = config.apns();
        this.metrics = metrics;
        this.inFlight = new SendSlots(this.config.maxConcurrentSends());
        this.signingKey = signingKey(this.config);
        LOG.infof("APNs clients (built on first push) for %s:%d and sandbox %s:%d (team %s, key %s)", this.config.host(), this.config.port(),
                this.config.sandboxHost(), this.config.sandboxPort(), this.config.teamId(), this.config.keyId());
    }

    @Override
    public Device.Platform platform() {
        return Device.Platform.APNS;
    }

    /** Always: the APNs team, key and signing key are required settings. */
    @Override
    public boolean configured() {
        return true;
    }

    /**
     * Sends one push to one iOS device; waits for a free slot when too many are in flight. The slot is free
     * again once APNs answered, or at once when the push cannot even be built.
     */
    @Override
    public CompletableFuture<SendOutcome> send(Device device, Push push) throws InterruptedException {
        inFlight.take();
        Timer.Sample sample = metrics.start();
        return sendNow(device, push).whenComplete((outcome, failure) -> {
            inFlight.give();
            metrics.record(sample, Device.Platform.APNS, push.kind(), outcome);
        });
    }

    /**
     * APNs's answer, sorted; FAILED at once when Pushy refuses to build the notification (e.g. a stored
     * registration without its token): no later attempt can succeed.
     */
    private CompletableFuture<SendOutcome> sendNow(Device device, Push push) {
        try {
            return client(device.apnsEnvironment()).sendNotification(notification(device, push))
                    .handle((response, failure) -> failure != null ? transientFailure(failure) : outcome(response));
        } catch (RuntimeException unbuildable) {
            LOG.warnf("APNs push of notification %s cannot be built, not sent: %s", push.notificationId(),
                    unbuildable.toString());
            return CompletableFuture.completedFuture(SendOutcome.FAILED);
        }
    }

    private SimpleApnsPushNotification notification(Device device, Push push) {
        return new SimpleApnsPushNotification(device.token(), device.appId(), payloads.of(push),
                Instant.now().plus(config.expiration()),
                // Apple: a background push must be sent with priority 5 and push type background
                push.silent() ? DeliveryPriority.CONSERVE_POWER : DeliveryPriority.IMMEDIATE,
                push.silent() ? PushType.BACKGROUND : PushType.ALERT, push.collapseId());
    }

    /** True while the client can send. */
    public boolean ready() {
        return !closed;
    }

    private ApnsClient client(Device.ApnsEnvironment environment) {
        return clients.computeIfAbsent(environment, env -> env == Device.ApnsEnvironment.PRODUCTION
                ? build(config.host(), config.port()) : build(config.sandboxHost(), config.sandboxPort()));
    }

    @PreDestroy
    void close() {
        closed = true;
        CompletableFuture.allOf(clients.values().stream().map(ApnsClient::close)
                .toArray(CompletableFuture[]::new)).join();
    }

    private static SendOutcome outcome(PushNotificationResponse<SimpleApnsPushNotification> response) {
        if (response.isAccepted()) {
            return SendOutcome.SENT;
        }
        String reason = response.getRejectionReason().orElse("");
        if (DEAD_TOKEN.contains(reason) || response.getTokenInvalidationTimestamp().isPresent()) {
            return SendOutcome.PRUNE;
        }
        if (TRANSIENT.contains(reason)) {
            return SendOutcome.RETRY;
        }
        LOG.warnf("APNs refused a push for good: %s", reason);
        return SendOutcome.FAILED;
    }

    private static SendOutcome transientFailure(Throwable failure) {
        LOG.warnf("APNs send failed, will retry: %s", failure.toString());
        return SendOutcome.RETRY;
    }

    private ApnsClient build(String host, int port) {
        try {
            ApnsClientBuilder builder = new ApnsClientBuilder().setApnsServer(host, port).setSigningKey(signingKey);
            if (config.trustedServerCertificate().isPresent()) {
                builder.setTrustedServerCertificateChain(new File(config.trustedServerCertificate().get()));
            }
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot build the APNs client for " + host, e);
        }
    }

    private static ApnsSigningKey signingKey(NotifierConfig.Apns config) {
        try {
            return ApnsSigningKey.loadFromPkcs8File(new File(config.signingKey()), config.teamId(), config.keyId());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the APNs signing key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The APNs signing key is not a valid EC key", e);
        }
    }
}
