package com.mobilityha.common.reachability;

import com.mobilityha.localstack.redis.RedisClient;
import io.quarkus.redis.datasource.RedisDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The phones' reachability records (B8) that session-service and notifier-service write and the gateway's
 * watchdog reads, on a real redis-server: {@code mha:reachability:<session>} and its two indexes.
 */
class PhoneReachabilityContractTest {
    @RegisterExtension
    static final RedisClient client = new RedisClient();
    private static RedisDataSource redis;
    private static PhoneReachability reachability;

    @BeforeAll
    static void redis() {
        redis = client.dataSource();
        reachability = new PhoneReachability(redis);
    }

    @BeforeEach
    void empty() {
        redis.flushall();
    }

    @Test
    void aCheckInRecordsWhenAndHowUntilTheSessionExpiresAndIndexesTheSession() {
        Instant before = Instant.now();
        assertEquals(Optional.empty(), reachability.seen("s-1", ReachedBy.CHECK_IN, Instant.now().plusSeconds(3600)));

        Map<String, String> raw = redis.hash(String.class).hgetall("mha:reachability:s-1");
        assertEquals("CHECK_IN", raw.get("seenBy"));
        long seenAt = Long.parseLong(raw.get("seenAt"));
        assertTrue(seenAt >= before.toEpochMilli() && seenAt <= Instant.now().toEpochMilli(), raw.toString());
        long ttl = redis.key().ttl("mha:reachability:s-1");
        assertTrue(ttl > 3590 && ttl <= 3600, "expires with the session: " + ttl);
        assertEquals((double) seenAt, redis.sortedSet(String.class).zscore("mha:reachability-index:seen", "s-1").orElseThrow());
        Reachability record = reachability.find("s-1").orElseThrow();
        assertEquals(ReachedBy.CHECK_IN, record.seenBy());
        assertFalse(record.wokenSinceSeen());
        assertTrue(reachability.find("never-checked-in").isEmpty(), "a session is watched from its first check-in");
    }

    @Test
    void theSilentAreFoundLongestSilentFirstAndOnlyThem() throws InterruptedException {
        reachability.seen("first", ReachedBy.CHECK_IN, Instant.now().plusSeconds(3600));
        Thread.sleep(5);
        reachability.seen("second", ReachedBy.PUSH_ACK, Instant.now().plusSeconds(3600));
        Thread.sleep(5);
        Instant cut = Instant.now();
        Thread.sleep(5);
        reachability.seen("talking", ReachedBy.CHECK_IN, Instant.now().plusSeconds(3600));

        assertEquals(List.of("first", "second"), reachability.silentSince(cut, 10));
        assertEquals(List.of("first"), reachability.silentSince(cut, 1));
    }

    @Test
    void theWatchdogsMarksLastUntilThePhoneIsSeenAgainOrTheAgentChoosesAStatus() throws InterruptedException {
        reachability.seen("s-1", ReachedBy.CHECK_IN, Instant.now().plusSeconds(3600));
        Instant woken = Instant.ofEpochMilli(System.currentTimeMillis() + 5);
        reachability.woken("s-1", woken);
        assertTrue(reachability.find("s-1").orElseThrow().wokenSinceSeen());

        Instant made = woken.plusMillis(5);
        reachability.madeUnreachable("s-1", "Unreachable", made);
        assertEquals(List.of("s-1"), reachability.madeUnreachable());
        assertTrue(reachability.silentSince(Instant.now().plusSeconds(60), 10).isEmpty(),
                "no longer looked at while non-routable");
        assertEquals(Optional.of(new Reachability.MadeUnreachable(made, "Unreachable")),
                reachability.find("s-1").orElseThrow().unreachable());

        Thread.sleep(15);
        assertEquals(Optional.of(new Reachability.MadeUnreachable(made, "Unreachable")),
                reachability.seen("s-1", ReachedBy.PUSH_ACK, Instant.now().plusSeconds(3600)), "the app is told");
        Reachability back = reachability.find("s-1").orElseThrow();
        assertTrue(back.cameBack());
        assertFalse(back.wokenSinceSeen());
        assertEquals(List.of("s-1"), reachability.silentSince(Instant.now().plusSeconds(60), 10), "watched again");

        reachability.cleared("s-1");
        assertTrue(reachability.find("s-1").orElseThrow().unreachable().isEmpty());
        assertTrue(reachability.madeUnreachable().isEmpty());
    }

    @Test
    void marksAreNeverLeftOnASessionThatIsNotWatchedAndAForgottenOneIsGone() {
        reachability.woken("gone", Instant.now());
        reachability.madeUnreachable("gone", "Unreachable", Instant.now());
        assertFalse(redis.key().exists("mha:reachability:gone"), "no record without TTL");
        assertTrue(reachability.madeUnreachable().isEmpty());

        reachability.seen("s-1", ReachedBy.CHECK_IN, Instant.now().plus(Duration.ofHours(1)));
        reachability.madeUnreachable("s-1", "Unreachable", Instant.now());
        reachability.forget("s-1");
        assertFalse(redis.key().exists("mha:reachability:s-1"));
        assertTrue(reachability.madeUnreachable().isEmpty());
        assertTrue(reachability.silentSince(Instant.now().plusSeconds(60), 10).isEmpty());
    }
}
