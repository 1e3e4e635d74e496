package com.mobilityha.mobile.site;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the app saw of each site lately, for {@link RaceSettings#memory()}: a site that failed is asked
 * after the others (the next requests go straight to a working site) until the memory fades and it is
 * asked first again; a site that failed or fell silent (another site answered while it had not, though
 * asked first) gets no head start in the next race; a site that answered is trusted with an unsafe
 * request without a probe, and its failure or silence forgotten. One per app, shared by all its routers
 * (settings, every login).
 */
final class SiteMemory {
    private final long memoryNanos;
    private final Map<URI, Long> failedAt = new ConcurrentHashMap<>();
    private final Map<URI, Long> answeredAt = new ConcurrentHashMap<>();
    private final Map<URI, Long> silentAt = new ConcurrentHashMap<>();

    SiteMemory(Duration memory) {
        this.memoryNanos = memory.toNanos();
    }

    void answered(URI site) {
        failedAt.remove(site);
        silentAt.remove(site);
        answeredAt.put(site, System.nanoTime());
    }

    /** Another site answered while this one, asked first, had not: slower, not failed. */
    void silent(URI site) {
        answeredAt.remove(site);
        silentAt.put(site, System.nanoTime());
    }

    void failed(URI site) {
        answeredAt.remove(site);
        failedAt.put(site, System.nanoTime());
    }

    boolean recentlyFailed(URI site) {
        return recent(failedAt.get(site));
    }

    /** A site that failed or fell silent lately: the next race does not wait for it before asking the others. */
    boolean suspect(URI site) {
        return recentlyFailed(site) || recent(silentAt.get(site));
    }

    boolean recentlyAnswered(URI site) {
        return recent(answeredAt.get(site));
    }

    /** {@code sites} in the order to ask them: {@code first}, then those not recently failed, then the others, each in list order. */
    List<URI> order(URI first, List<URI> sites) {
        List<URI> order = new ArrayList<>(List.of(first));
        sites.stream().filter(site -> !site.equals(first) && !recentlyFailed(site)).forEach(order::add);
        sites.stream().filter(site -> !order.contains(site)).forEach(order::add);
        return order;
    }

    /** The site a new login starts at: the first one not recently failed (the primary unless it failed lately). */
    URI preferred(List<URI> sites) {
        return sites.stream().filter(site -> !recentlyFailed(site)).findFirst().orElse(sites.get(0));
    }

    private boolean recent(Long at) {
        return at != null && System.nanoTime() - at < memoryNanos;
    }
}
