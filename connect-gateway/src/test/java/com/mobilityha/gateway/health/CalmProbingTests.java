package com.mobilityha.gateway.health;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** B9: calm probing stays under 10 % of DescribeInstance's quota, however many instances share a Region. */
class CalmProbingTests {
    private static final Duration TICK = Duration.ofSeconds(1);

    @Test
    void onAwsDefaultQuotasOneInstanceIsProbedEverySixSecondsAndAQuarterWhileCalm() {
        Duration calm = InstanceHealth.calmInterval(TICK, 0.08, 2, 1);

        assertEquals(Duration.ofMillis(6_250), calm);
        assertTrue(1000.0 / calm.toMillis() / 2 < 0.10, "under 10 % of 2 requests/s");
    }

    @Test
    void instancesOfOneRegionShareTheBudgetSoEachIsProbedLessOften() {
        assertEquals(Duration.ofMillis(12_500), InstanceHealth.calmInterval(TICK, 0.08, 2, 2));
    }

    @Test
    void aRaisedQuotaProbesEveryTickButNeverMoreOften() {
        assertEquals(TICK, InstanceHealth.calmInterval(TICK, 0.08, 100, 1));
        assertEquals(Duration.ofMillis(1_250), InstanceHealth.calmInterval(TICK, 0.08, 10, 1));
    }
}
