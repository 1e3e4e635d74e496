package com.mobilityha.common.site;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which sites' heartbeats live and the site-failover epoch, read together in one Redis round trip
 * ({@link SiteLiveness#now}): what the app's {@code GET /api/v1/servers/active} answers from.
 */
public record SitesNow(List<String> sites, Set<String> alive, long epoch) {
    public SitesNow {
        sites = List.copyOf(sites);
        alive = Set.copyOf(alive);
    }

    /** Whether this site's heartbeat lives. */
    public boolean alive(String site) {
        return alive.contains(site);
    }

    /** The first living site in the order they were asked for (primary first). */
    public Optional<String> firstAlive() {
        return sites.stream().filter(alive::contains).findFirst();
    }
}
