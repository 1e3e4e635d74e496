package com.mobilityha.common.site;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mobilityha.common.redis.ReplicaAcks;
import com.mobilityha.common.session.SessionCache;
import com.mobilityha.common.session.SessionRepository;
import com.mobilityha.localstack.redis.RedisClient;
import io.quarkus.redis.datasource.RedisDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sites' liveness records as every site's session-service writes and reads them
 * ({@code mha:site:<site>:heartbeat}, {@code mha:site:<site>:taken-over-by}, {@code mha:site-epoch},
 * and the site index {@code mha:idx:site:<site>} a takeover moves), on a real redis-server.
 */
class SiteLivenessContractTest {
    private static final Duration TTL = Duration.ofSeconds(3);
    @RegisterExtension
    static final RedisClient client = new RedisClient();
    private static SiteLiveness liveness;
    private static SessionRepository sessions;
    private static RedisDataSource redis;

    @BeforeAll
    static void start() {
        redis = client.dataSource();
        liveness = new SiteLiveness(redis);
        sessions = new SessionRepository(redis, new ObjectMapper().registerModule(new JavaTimeModule()),
                new ReplicaAcks(redis, 0, Duration.ZERO), SessionCache.off());
    }

    @BeforeEach
    void empty() {
        redis.flushall();
    }

    @Test
    void aHeartbeatIsThePodsNameWithTheTtlAndOnlyItsFirstBeatAfterALapseResumesTheSite() {
        assertTrue(liveness.beat("primary", "pod-a", TTL).resumed());
        assertEquals("pod-a", redis.value(String.class).get("mha:site:primary:heartbeat"));
        long pttl = redis.key().pttl("mha:site:primary:heartbeat");
        assertTrue(pttl > 2_000 && pttl <= 3_000, "PX of the TTL: " + pttl);
        assertFalse(liveness.beat("primary", "pod-b", TTL).resumed(), "a renewal, by any pod of the site");
        assertEquals("pod-b", redis.value(String.class).get("mha:site:primary:heartbeat"));

        SiteRecord seen = liveness.observe("primary");
        assertTrue(seen.alive());
        assertTrue(seen.heartbeatLeft().orElseThrow().toMillis() > 2_000);
        SitesNow now = liveness.now(List.of("secondary", "primary"));
        assertEquals(new SitesNow(List.of("secondary", "primary"), Set.of("primary"), 0), now);
        assertEquals(Optional.of("primary"), now.firstAlive(), "the first living site in the order asked");
        assertEquals(new SiteRecord("secondary", Optional.empty(), Optional.empty(), 0), liveness.observe("secondary"));
    }

    @Test
    void exactlyOneClaimOfALapsedSiteWithSessionsByABeatingSiteEachWithTheNextEpoch() {
        redis.set(String.class).sadd("mha:idx:site:secondary", "s-1", "s-2");
        assertEquals(Optional.empty(), liveness.claim("secondary", "primary"), "the claimer must beat itself");
        liveness.beat("primary", "pod-a", TTL);
        liveness.beat("secondary", "pod-b", TTL);
        assertEquals(Optional.empty(), liveness.claim("secondary", "primary"), "never a living site");
        redis.key().del("mha:site:secondary:heartbeat");

        assertEquals(Optional.of(new Takeover("primary", 1)), liveness.claim("secondary", "primary"));
        assertEquals("primary:1", redis.value(String.class).get("mha:site:secondary:taken-over-by"));
        assertEquals("1", redis.value(String.class).get("mha:site-epoch"));
        assertEquals(Optional.empty(), liveness.claim("secondary", "primary"), "claimed once");
        assertEquals(new SiteRecord("secondary", Optional.empty(), Optional.of(new Takeover("primary", 1)), 2),
                liveness.observe("secondary"));
        assertEquals(1, liveness.now(List.of("primary")).epoch());

        redis.key().del("mha:idx:site:tertiary");
        assertEquals(Optional.empty(), liveness.claim("tertiary", "primary"), "nothing to take over");
    }

    @Test
    void sessionsMoveOnlyUnderTheTakeoverOnRecordAndTheDeadSiteBeatingAgainClearsIt() {
        redis.set(String.class).sadd("mha:idx:site:secondary", "s-1", "s-2", "s-3");
        liveness.beat("primary", "pod-a", TTL);
        Takeover takeover = liveness.claim("secondary", "primary").orElseThrow();

        assertTrue(move(takeover, "s-1", "s-2"));
        assertEquals(Set.of("s-1", "s-2"), redis.set(String.class).smembers("mha:idx:site:primary"));
        assertFalse(move(new Takeover("primary", 0), "s-3"), "a superseded takeover");

        SiteLiveness.Beat back = liveness.beat("secondary", "pod-b", TTL);
        assertEquals(new SiteLiveness.Beat(true, Optional.of(takeover)), back);
        assertFalse(redis.key().exists("mha:site:secondary:taken-over-by"));
        assertFalse(move(takeover, "s-3"), "fenced: the site lives again");
        assertEquals(Set.of("s-3"), redis.set(String.class).smembers("mha:idx:site:secondary"), "its sessions stay");
    }

    /** Moves sessions from secondary's index to primary's as a takeover does, fenced by it; false when fenced out. */
    private static boolean move(Takeover takeover, String... sessionIds) {
        return sessions.moveToSite(List.of(sessionIds), sessions.findAll(List.of(sessionIds)), "secondary", "primary",
                liveness.fence(takeover, "secondary")).isPresent();
    }

    @Test
    void aTakeoverRecordReadsAsSurvivorAndEpoch() {
        assertEquals(Optional.of(new Takeover("site-b", 12)), Takeover.parse("site-b:12"));
        assertEquals("site-b:12", new Takeover("site-b", 12).record());
        assertEquals(Optional.empty(), Takeover.parse("garbage"));
        assertEquals(Optional.empty(), Takeover.parse(null));
    }
}
