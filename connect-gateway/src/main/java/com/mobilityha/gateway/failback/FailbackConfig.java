package com.mobilityha.gateway.failback;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Fail-back timings ({@code gateway.failback.*}). */
@ConfigMapping(prefix = "gateway.failback")
public interface FailbackConfig {

    /** How often agents of a when-idle fail-back are checked for being off-contact. */
    @WithDefault("5s")
    String idleCheckInterval();

    /** How long one gateway holds a round of idle checks (a bit shorter than the interval). */
    @WithDefault("4s")
    Duration idleCheckLease();
}
