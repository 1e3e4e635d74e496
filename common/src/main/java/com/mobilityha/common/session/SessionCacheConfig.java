package com.mobilityha.common.session;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The sessions each service keeps while Redis tracks them for it ({@code mobility.session-cache.*}; {@link SessionCache}). */
@ConfigMapping(prefix = "mobility.session-cache")
public interface SessionCacheConfig {

    /** Whether authentication answers from the cache at all (false: one Redis GET per request). */
    @WithDefault("true")
    boolean enabled();

    /**
     * The longest a change to a session (a logout) may go unseen by this service: the cache answers only while
     * Redis has proven, this recently, that it delivered every change written before.
     */
    @WithDefault("800ms")
    Duration maxStaleness();

    /** The most sessions kept; further sessions are read from Redis each time until some leave. */
    @WithDefault("100000")
    int maxEntries();
}
