package com.mobilityha.notifier.credentials;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Instant;

/**
 * {@code notifier.credential.expiry.timestamp{platform,credential}} (Prometheus:
 * {@code notifier_credential_expiry_timestamp_seconds}): when a credential stops being valid, in Unix
 * seconds. A credential whose end is not known has no series.
 */
final class CredentialExpiryGauges {
    private final MeterRegistry metrics;

    CredentialExpiryGauges(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    void expires(String platform, String credential, Instant notAfter) {
        double seconds = notAfter.getEpochSecond();
        Gauge.builder("notifier.credential.expiry.timestamp", () -> seconds).baseUnit("seconds")
                .tag("platform", platform).tag("credential", credential)
                .description("When the credential stops being valid (Unix time)")
                .register(metrics);
    }
}
