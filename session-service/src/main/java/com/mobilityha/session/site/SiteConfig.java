package com.mobilityha.session.site;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** Site heartbeat and takeover settings ({@code session.site.*}). */
@ConfigMapping(prefix = "session.site")
public interface SiteConfig {

    /** The mobility sites of this deployment, primary first (new logins start at the first alive). */
    @WithDefault("primary,secondary")
    List<String> names();

    /** How long a heartbeat lives without renewal: a site not ready this long is taken over. */
    @WithDefault("3s")
    Duration heartbeatTtl();

    /** How often the heartbeat is renewed and the other sites' heartbeats are checked. */
    @WithDefault("1s")
    String heartbeatInterval();
}
