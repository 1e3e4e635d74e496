package com.mobilityha.notifier.credentials;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityha.notifier.config.NotifierConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Exports at start-up when the notifier's credentials expire, where they have an end (credentials
 * change only with a restart: a rotated Secret is rolled out):
 * <ul>
 *   <li>{@code FCM/service-account-key}: the service account's key, as Google publishes it (fetched in
 *       the background; a failure is logged and leaves no series);</li>
 *   <li>{@code APNS/trusted-server-certificate}: the CA certificate trusted instead of the JDK's, when
 *       configured.</li>
 * </ul>
 * The APNs .p8 signing key has no expiry (valid until revoked in Apple's developer account; the
 * hourly provider tokens signed with it are renewed by Pushy), nor has anything else FCM needs (its
 * hourly access tokens are fetched again on use).
 */
@ApplicationScoped
public class CredentialExpiryWatch {
    private static final Logger LOG = Logger.getLogger(CredentialExpiryWatch.class);

    private final NotifierConfig config;
    private final CredentialExpiryGauges gauges;
    private final PublishedKeyCertificate fcmKeys;

    CredentialExpiryWatch(NotifierConfig config, MeterRegistry metrics, ObjectMapper mapper) {
        this.config = config;
        this.gauges = new CredentialExpiryGauges(metrics);
        this.fcmKeys = new PublishedKeyCertificate(mapper);
    }

    void exportAtStart(@Observes StartupEvent start) {
        config.apns().trustedServerCertificate().ifPresent(file ->
                gauges.expires("APNS", "trusted-server-certificate", certificateExpiry(Path.of(file))));
        config.fcm().serviceAccountFile().ifPresent(file -> CompletableFuture.runAsync(() -> exportFcmKey(Path.of(file))));
    }

    private void exportFcmKey(Path serviceAccountFile) {
        try {
            fcmKeys.expiry(serviceAccountFile).ifPresent(notAfter -> {
                gauges.expires("FCM", "service-account-key", notAfter);
                LOG.infof("FCM service-account key valid until %s", notAfter);
            });
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Expiry of the FCM service-account key unknown: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Instant certificateExpiry(Path pem) {
        try {
            return CertificateExpiry.earliest(Files.readString(pem));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the trusted APNs server certificate " + pem, e);
        }
    }
}
