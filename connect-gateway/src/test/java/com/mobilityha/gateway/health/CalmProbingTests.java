package com.mobilityha.gateway.health;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** B9: calm probing stays under 10 % of DescribeInstance's quota, however many sites and instances share a Region. */
class CalmProbingTests {
    private static final Duration TICK = Duration.ofSeconds(1);

    @Test
    void onAwsDefaultQuotasEachOfTwoSitesProbesOneInstanceEveryTwelveAndAHalfSecondsWhileCalm() {
        Duration perSite = InstanceHealth.calmInterval(TICK, 0.08, 2, 2);

        assertEquals(Duration.ofMillis(12_500), perSite);
        assertTrue(2 * 1000.0 / perSite.toMillis() / 2 < 0.10, "both sites together under 10 % of 2 requests/s");
    }

    @Test
    void moreInstancesOrSitesInARegionShareTheBudgetSoEachProbesLessOften() {
        assertEquals(Duration.ofMillis(6_250), InstanceHealth.calmInterval(TICK, 0.08, 2, 1));
        assertEquals(Duration.ofMillis(25_000), InstanceHealth.calmInterval(TICK, 0.08, 2, 4));
    }

    @Test
    void twoSitesStartedTogetherProbeAtOppositePhasesSoAnOutageMeetsAProbeWithinHalfAnInterval() {
        Duration perSite = InstanceHealth.calmInterval(TICK, 0.08, 2, 2);
        List<Long> probes = new ArrayList<>();
        for (Duration offset : List.of(Duration.ZERO, perSite.dividedBy(2))) {
            long lastSlot = Long.MIN_VALUE;
            for (long t = 1_000_000; t < 1_100_000; t += TICK.toMillis()) { // both sites' pods tick on the same seconds
                long slot = WatchedInstance.calmSlot(t, perSite, offset);
                if (slot != lastSlot) {
                    probes.add(t);
                    lastSlot = slot;
                }
            }
        }
        Collections.sort(probes);
        long widestGap = 0;
        for (int i = 1; i < probes.size(); i++) {
            widestGap = Math.max(widestGap, probes.get(i) - probes.get(i - 1));
        }
        assertTrue(widestGap <= perSite.dividedBy(2).plus(TICK).toMillis(), "widest gap between probes " + widestGap + " ms");
        assertEquals(2 * 100_000 / perSite.toMillis(), probes.size(), 2, "each site once per interval: " + probes.size());
    }

    @Test
    void aRaisedQuotaProbesEveryTickButNeverMoreOften() {
        assertEquals(TICK, InstanceHealth.calmInterval(TICK, 0.08, 100, 2));
        assertEquals(Duration.ofMillis(2_500), InstanceHealth.calmInterval(TICK, 0.08, 10, 2));
    }
}
