package com.mobilityha.gateway.reachability;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The reachability watchdog's rounds ({@code gateway.reachability.*}); the thresholds are each company's. */
@ConfigMapping(prefix = "gateway.reachability")
public interface WatchdogConfig {

    /** How often one gateway of all sites looks for silent phones: the watchdog's lateness at most. */
    @WithDefault("5s")
    String checkEvery();

    /** How long one gateway holds a round (a bit shorter than the period). */
    @WithDefault("4s")
    Duration roundLease();

    /** The most silent sessions one round looks at (the longest silent first). */
    @WithDefault("1000")
    int batch();
}
