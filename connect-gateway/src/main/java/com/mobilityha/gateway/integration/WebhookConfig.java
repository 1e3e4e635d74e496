package com.mobilityha.gateway.integration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Call-event webhooks ({@code gateway.webhooks.*}), e.g.
 * {@code gateway.webhooks.companies.acme.primary-url=https://crm1.acme.example/hooks/calls}.
 */
@ConfigMapping(prefix = "gateway.webhooks")
public interface WebhookConfig {

    /** Company code to its webhook; companies without one get no call events. */
    Map<String, Target> companies();

    /** Longest wait for a webhook's answer (connect and response). */
    @WithDefault("2s")
    Duration timeout();

    /** Failed deliveries out of the last {@code request-volume} that open a URL's breaker. */
    @WithDefault("0.5")
    double failureRatio();

    @WithDefault("4")
    int requestVolume();

    /** How long an open breaker refuses before a trial delivery. */
    @WithDefault("10s")
    Duration openDelay();

    /** An event not delivered is tried again after this long, up to {@code max-deliveries} times. */
    @WithDefault("30s")
    Duration retryAfter();

    @WithDefault("10")
    int maxDeliveries();

    /**
     * Dead letters kept ({@code RedisKeys.callEventDeadLetters()}), about: beyond it the oldest are dropped
     * (MAXLEN ~: Redis drops whole nodes of 100 entries, so up to 100 more may stay), so that
     * a CRM refusing everything cannot fill Redis.
     */
    @WithDefault("10000")
    long deadLetterLimit();

    /** A company's CRM endpoint. */
    interface Target {
        URI primaryUrl();

        Optional<URI> secondaryUrl();

        /** Shared secret: each delivery carries {@code X-Mobility-Signature: sha256=<HMAC of the body>}. */
        Optional<String> secret();
    }
}
