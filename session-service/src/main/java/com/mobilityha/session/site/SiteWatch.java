package com.mobilityha.session.site;

import com.mobilityha.common.site.SiteRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * S6's decisions about one other site, without I/O: fed what Redis says of that site each round,
 * it remembers when the site's heartbeat was last renewed (a takeover's detection time) and says
 * what this site does next. The claim itself stays atomic in Redis ({@code SiteLiveness.claim}),
 * so a decision taken on a stale observation can never take over a living site.
 */
final class SiteWatch {
    /** What this site does next about the watched site. */
    enum Step {
        /** Nothing: the site lives, or it was taken over by someone else, or this site may not act. */
        WAIT,
        /** Its heartbeat has lapsed with sessions on it and nobody has claimed it: claim the takeover. */
        CLAIM,
        /** This site claimed it, but sessions remain on it (the takeover was cut short): finish it. */
        RESUME
    }

    private final String site;
    private final Duration ttl;
    private Instant lastRenewal;
    private Duration heartbeatAge;

    SiteWatch(String site, Duration ttl) {
        this.site = site;
        this.ttl = ttl;
        this.heartbeatAge = ttl;
    }

    /**
     * The next step, given the site's record at {@code now}, which site this is and whether it may
     * take over (its own heartbeat has lived for a whole TTL: a site that has just come back gives
     * the others as long to beat again, so a Redis failover never turns into a takeover).
     */
    Step observe(SiteRecord record, String self, boolean mayTakeOver, Instant now) {
        heartbeatAge = record.heartbeatLeft().map(this::ageOf).orElse(ttl);
        record.heartbeatLeft().ifPresent(left -> lastRenewal = now.minus(ageOf(left)));
        if (site.equals(self) || !mayTakeOver || record.alive() || record.sessions() == 0) {
            return Step.WAIT;
        }
        return record.takenOverBy()
                .map(takeover -> takeover.survivor().equals(self) ? Step.RESUME : Step.WAIT)
                .orElse(Step.CLAIM);
    }

    /** A heartbeat renewed with a longer TTL than this site's (another configuration) counts as just renewed. */
    private Duration ageOf(Duration left) {
        return left.compareTo(ttl) >= 0 ? Duration.ZERO : ttl.minus(left);
    }

    /** How long ago the heartbeat was renewed (its TTL once it has lapsed). */
    Duration heartbeatAge() {
        return heartbeatAge;
    }

    /** From the heartbeat's last renewal seen to {@code decided}; empty when none was seen (this pod started after). */
    Optional<Duration> detection(Instant decided) {
        return Optional.ofNullable(lastRenewal).map(renewed -> Duration.between(renewed, decided));
    }
}
