package com.mobilityha.gateway.offline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the agents' offline duties are retried and how many given-up ones are kept ({@code gateway.offline-duties.*}). */
@ConfigMapping(prefix = "gateway.offline-duties")
public interface OfflineDutyConfig {

    /**
     * The first retry's delay, and how long a duty read by a gateway that died stays with it before another
     * takes it over. Each later retry waits twice as long as the one before, up to {@code max-backoff}.
     */
    @WithDefault("5s")
    Duration retryAfter();

    /** The longest wait between two attempts. */
    @WithDefault("5m")
    Duration maxBackoff();

    /** Attempts before a duty is given up (dead-lettered): with the defaults about half an hour of retries. */
    @WithDefault("12")
    int maxDeliveries();

    /** Dead letters kept ({@code RedisKeys.agentOfflineDutyDeadLetters()}), about (MAXLEN ~). */
    @WithDefault("10000")
    long deadLetterLimit();
}
