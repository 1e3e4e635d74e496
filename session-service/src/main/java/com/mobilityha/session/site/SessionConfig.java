package com.mobilityha.session.site;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Session storage settings of this site. */
@ConfigMapping(prefix = "session")
public interface SessionConfig {

    /** Lifetime of a session; matches the 12-hour Amazon Connect agent session. */
    @WithDefault("12H")
    Duration ttl();

    /** How often ids of expired sessions are swept out of the index sets ({@link IndexJanitor}). */
    @WithDefault("10m")
    String indexSweepInterval();
}
