package com.mobilityha.gateway.relogin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How an instance failover's duty is held, and how often unfinished ones are looked for. */
@ConfigMapping(prefix = "gateway.relogin")
public interface ReloginConfig {
    /** How long a claimed duty stays its pod's without a renewal: another pod finishes it after that. */
    @WithDefault("15s")
    Duration dutyLease();

    /** How often each pod looks for an instance DOWN whose failover duty nobody finished. */
    @WithDefault("5s")
    String resumeCheck();
}
