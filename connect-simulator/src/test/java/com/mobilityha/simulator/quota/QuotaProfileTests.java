package com.mobilityha.simulator.quota;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled quota profiles and the token bucket, on a clock the test moves. */
class QuotaProfileTests {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void awsDefaultsAreTwoPerSecondWithABurstOfFiveUnlessDocumentedOtherwise() {
        QuotaProfile aws = QuotaProfile.load("aws-default");
        assertEquals("aws-default", aws.name());
        assertEquals(new OperationQuota(2, 5, "ThrottlingException"), aws.of("DescribeInstance"));
        assertEquals(new OperationQuota(2, 5, "ThrottlingException"), aws.of("PutUserStatus"));
        assertEquals(new OperationQuota(10, 10, "ThrottlingException"), aws.of("ListAgentStatuses"));
        assertEquals(new OperationQuota(2, 5, "LimitExceededException"), aws.of("StartOutboundVoiceContact"));
        assertEquals(new OperationQuota(100, 200, "ThrottlingException"), QuotaProfile.load("raised").of("SearchUsers"));
    }

    @Test
    void aBucketLetsItsBurstThroughAtOnceThenItsRate() {
        TokenBucket bucket = new TokenBucket(2, 5, 0);
        for (int i = 0; i < 5; i++) {
            assertTrue(bucket.tryTake(0));
        }
        assertFalse(bucket.tryTake(0));
        assertFalse(bucket.tryTake(SECOND / 4), "half a token");
        assertTrue(bucket.tryTake(SECOND / 2));
        assertFalse(bucket.tryTake(SECOND / 2));
        assertEquals(5, countTaken(bucket, 100 * SECOND), "never more than its burst");
    }

    private static int countTaken(TokenBucket bucket, long now) {
        int taken = 0;
        while (bucket.tryTake(now)) {
            taken++;
        }
        return taken;
    }
}
