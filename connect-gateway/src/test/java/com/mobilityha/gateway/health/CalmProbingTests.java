package com.mobilityha.gateway.health;

import org.junit.jupiter.api.Test;

import java.time.Duration;

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
    void aRaisedQuotaProbesEveryTickButNeverMoreOften() {
        assertEquals(TICK, InstanceHealth.calmInterval(TICK, 0.08, 100, 2));
        assertEquals(Duration.ofMillis(2_500), InstanceHealth.calmInterval(TICK, 0.08, 10, 2));
    }
}
