package com.mobilityha.session.site;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Site heartbeat and takeover settings ({@code session.site.*}). */
@ConfigMapping(prefix = "session.site")
public interface SiteConfig {

    /** The mobility sites of this deployment, primary first (new logins start at the first alive). */
    @WithDefault("primary,secondary")
    List<String> names();

    /** How long a heartbeat lives without renewal: a site not ready this long is taken over. */
    @WithDefault("3s")
    Duration heartbeatTtl();

    /** How often the heartbeat is renewed. */
    @WithDefault("1s")
    String heartbeatInterval();

    /**
     * How often the other sites' heartbeats are checked: a lapsed heartbeat is seen this long after it
     * expired at most (one Redis read per site and round), so a site's death is taken over within the
     * TTL plus this.
     */
    @WithDefault("250ms")
    Duration watchInterval();

    /**
     * The site's connect-gateway readiness on its management port, through its Kubernetes Service (which
     * routes only to ready pods): a site whose gateways are all unready cannot serve its agents and stops
     * beating.
     */
    String gatewayReadyUrl();

    /**
     * A URL of the contract as the app reaches it through the site's ingress (for example
     * {@code https://m1.example.com/api/v1/servers/active?companyCode=acme}); when set, a site whose
     * ingress does not answer it with 2xx stops beating. Unset: the ingress path is not checked.
     */
    Optional<String> ingressCheckUrl();

    /** How long one check of the site's serving path may take before it counts as failed. */
    @WithDefault("800ms")
    Duration servingCheckTimeout();
}
