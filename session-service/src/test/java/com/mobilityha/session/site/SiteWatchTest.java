package com.mobilityha.session.site;

import com.mobilityha.common.site.SiteRecord;
import com.mobilityha.common.site.Takeover;
import com.mobilityha.session.site.SiteWatch.Step;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** S6's decisions about the other site, without Redis: one round per call, in milliseconds. */
class SiteWatchTest {
    private static final Duration TTL = Duration.ofSeconds(3);
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private final SiteWatch secondary = new SiteWatch("secondary", TTL);

    @Test
    void aLivingSiteIsNeverClaimedAndItsRenewalsAreRemembered() {
        assertEquals(Step.WAIT, secondary.observe(beating(Duration.ofMillis(2_500), 40), "primary", true, T0));
        assertEquals(Duration.ofMillis(500), secondary.heartbeatAge());
        assertEquals(Optional.of(Duration.ofMillis(3_500)), secondary.detection(T0.plusSeconds(3)),
                "detection counts from the last renewal seen (T0 - 500 ms)");
    }

    @Test
    void aHeartbeatWithALongerTtlThanOursCountsAsJustRenewed() {
        secondary.observe(beating(Duration.ofSeconds(60), 40), "primary", true, T0);
        assertEquals(Duration.ZERO, secondary.heartbeatAge());
        assertEquals(Optional.of(Duration.ofSeconds(4)), secondary.detection(T0.plusSeconds(4)));
    }

    @Test
    void aLapsedSiteWithSessionsIsClaimedOnlyByASiteThatHasBeatenForAWholeTtl() {
        assertEquals(Step.WAIT, secondary.observe(lapsed(40, null), "primary", false, T0),
                "a site that has just come back (e.g. after a Redis failover) waits");
        assertEquals(Step.CLAIM, secondary.observe(lapsed(40, null), "primary", true, T0));
        assertEquals(TTL, secondary.heartbeatAge(), "a lapsed heartbeat's age is its TTL");
        assertEquals(Optional.empty(), secondary.detection(T0), "no renewal was ever seen by this pod");
    }

    @Test
    void aLapsedSiteWithoutSessionsIsLeftAlone() {
        assertEquals(Step.WAIT, secondary.observe(lapsed(0, null), "primary", true, T0));
    }

    @Test
    void aTakeoverCutShortIsResumedByItsOwnerOnlyAndNeverByAnotherSite() {
        Takeover mine = new Takeover("primary", 7);
        assertEquals(Step.RESUME, secondary.observe(lapsed(12, mine), "primary", true, T0));
        assertEquals(Step.WAIT, secondary.observe(lapsed(12, mine), "third", true, T0), "claimed by someone else");
        assertEquals(Step.WAIT, secondary.observe(lapsed(0, mine), "primary", true, T0), "finished: nothing left");
    }

    @Test
    void aSiteNeverTakesItselfOver() {
        assertEquals(Step.WAIT, secondary.observe(lapsed(40, null), "secondary", true, T0));
    }

    private static SiteRecord beating(Duration left, long sessions) {
        return new SiteRecord("secondary", Optional.of(left), Optional.empty(), sessions);
    }

    private static SiteRecord lapsed(long sessions, Takeover takeover) {
        return new SiteRecord("secondary", Optional.empty(), Optional.ofNullable(takeover), sessions);
    }
}
