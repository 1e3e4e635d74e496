package com.mobilityha.common.session;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mobilityha.common.session.SessionRecord.ActiveCall;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.common.redis.Fence;
import com.mobilityha.common.redis.ReplicaAcks;
import com.mobilityha.common.session.SessionRecord.SessionUser;
import com.mobilityha.localstack.redis.RedisClient;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stored sessions as session-service writes them and every service of both sites reads them
 * ({@code mha:session:<token hash>}, {@code mha:session-token:<id>} and the {@code mha:idx:*}
 * indexes), on a real redis-server, with an object mapper configured as Quarkus configures its own
 * (ISO-8601 instants, unknown properties ignored).
 */
class SessionRecordsContractTest {
    private static final Instant CREATED = Instant.parse("2026-12-02T08:00:00.125Z");
    private static final SessionRecord ALICE = new SessionRecord("s-1", "acme", new SessionUser("alice", "u-a"),
            new InstanceRef("primary", "i-1", "us-east-1"), "primary", SessionStatus.ACTIVE, CREATED,
            CREATED.plus(Duration.ofHours(12)), null, null, null);
    private static final String JSON = "{\"sessionId\":\"s-1\",\"companyCode\":\"acme\","
            + "\"user\":{\"username\":\"alice\",\"connectUserId\":\"u-a\"},"
            + "\"instance\":{\"role\":\"primary\",\"instanceId\":\"i-1\",\"region\":\"us-east-1\"},"
            + "\"site\":\"primary\",\"status\":\"ACTIVE\",\"createdAt\":\"2026-12-02T08:00:00.125Z\","
            + "\"expiresAt\":\"2026-12-02T20:00:00.125Z\"}";
    private static final List<String> INDEXES = List.of("mha:idx:company:acme", "mha:idx:instance:i-1",
            "mha:idx:site:primary", "mha:idx:user:acme:alice");

    @RegisterExtension
    static final RedisClient client = new RedisClient();
    private static RedisDataSource redis;
    private static SessionRepository sessions;

    @BeforeAll
    static void start() {
        redis = client.dataSource();
        sessions = new SessionRepository(redis, new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES), new ReplicaAcks(redis, 0, Duration.ZERO), SessionCache.off());
    }

    @BeforeEach
    void aliceSignedIn() {
        redis.flushall();
        run(sessions.creation("h-1", ALICE, Duration.ofHours(12)));
    }

    @Test
    void aNewSessionIsItsJsonUnderItsTokenHashAnIdReferenceAndFourIndexesWithItsTtl() {
        assertEquals(JSON, redis.value(String.class).get("mha:session:h-1"), "the JSON every site reads");
        assertEquals("h-1", redis.value(String.class).get("mha:session-token:s-1"));
        long ttl = redis.key().pttl("mha:session:h-1");
        assertTrue(ttl > Duration.ofHours(11).toMillis(), "lives as long as the Connect agent session: " + ttl);
        for (String index : INDEXES) {
            assertEquals(Set.of("s-1"), redis.set(String.class).smembers(index), index);
        }
        assertEquals(Optional.of(ALICE), sessions.find("s-1"));
        assertEquals(Optional.of(ALICE), sessions.findByTokenHash("h-1"));
        assertEquals(List.of("s-1"), sessions.sessionsOnInstance("i-1"));
        assertEquals(List.of("s-1"), sessions.sessionsOfUser("acme", "alice"));
        assertEquals(List.of("s-1"), sessions.sessionsOfCompany("acme"));
    }

    @Test
    void aRecordWrittenByANewerSiteWithAFieldThisOneDoesNotKnowStillReads() {
        redis.value(String.class).set("mha:session:h-1", JSON.substring(0, JSON.length() - 1) + ",\"addedLater\":{\"x\":1}}");
        assertEquals(Optional.of(ALICE), sessions.findByTokenHash("h-1"));
    }

    @Test
    void anUpdatedSessionKeepsItsExpiryCountsItsVersionAndOnlyStoredSessionsAreUpdated() {
        long ttl = redis.key().pttl("mha:session:h-1");
        ActiveCall call = new ActiveCall("c-9", CREATED.plusSeconds(60));
        SessionRecord onACall = ALICE.withCall(call).nextVersion();

        assertEquals(Optional.of(onACall), sessions.update(ALICE, s -> Optional.of(s.withCall(call))));
        assertEquals(Optional.of(onACall), sessions.find("s-1"));
        assertTrue(redis.value(String.class).get("mha:session:h-1")
                .endsWith(",\"call\":{\"contactId\":\"c-9\",\"startedAt\":\"2026-12-02T08:01:00.125Z\"},\"version\":1}"));
        assertTrue(Math.abs(ttl - redis.key().pttl("mha:session:h-1")) < 5_000, "KEEPTTL");

        SessionRecord unknown = new SessionRecord("s-404", "acme", new SessionUser("bob", "u-b"), ALICE.instance(),
                "primary", SessionStatus.ACTIVE, CREATED, CREATED, null, null, null);
        assertEquals(Optional.empty(), sessions.update(unknown, s -> Optional.of(s.withSite("secondary"))));
        assertEquals(List.of(new SessionRepository.Change(onACall, onACall.reloginRequired().nextVersion())),
                sessions.updateAll(List.of(onACall, unknown), s -> Optional.of(s.reloginRequired())));
        assertTrue(redis.value(String.class).get("mha:session:h-1").contains("\"status\":\"RELOGIN_REQUIRED\",")
                && redis.value(String.class).get("mha:session:h-1").endsWith("\"callLost\":true,\"version\":2}"),
                "S11: the call is lost");
    }

    @Test
    void anUpdateOfACopyReadBeforeAnotherUpdateIsAppliedToTheSessionAsItIsNow() {
        sessions.update(ALICE, s -> Optional.of(s.reloginRequired()));

        assertEquals(Optional.of(ALICE.reloginRequired().withSite("secondary").nextVersion().nextVersion()),
                sessions.update(ALICE, s -> Optional.of(s.withSite("secondary"))), "the RELOGIN mark stays");
        assertEquals(Optional.empty(), sessions.update(ALICE, s -> Optional.of(s).filter(SessionRecord::usable)
                .filter(current -> current.status() == SessionStatus.ACTIVE).map(current -> current.withSite("tertiary"))));
        assertEquals("secondary", sessions.find("s-1").orElseThrow().site(), "left as it is");
    }

    @Test
    void aSessionMovedToAnotherSiteIsNamedAndIndexedThereOnlyAndAMoveRepeatedChangesNothing() {
        SessionRecord moved = ALICE.withSite("secondary").nextVersion();
        assertEquals(Optional.of(List.of(new SessionRepository.Change(ALICE, moved))),
                sessions.moveToSite(List.of("s-1", "s-404"), sessions.findAll(List.of("s-1", "s-404")), "primary",
                        "secondary", Fence.NONE));
        assertEquals(Optional.of(moved), sessions.find("s-1"));
        assertEquals(Set.of(), redis.set(String.class).smembers("mha:idx:site:primary"));
        assertEquals(Set.of("s-1"), redis.set(String.class).smembers("mha:idx:site:secondary"));

        assertEquals(Optional.of(List.of()), sessions.moveToSite(List.of("s-1"), sessions.findAll(List.of("s-1")), "primary",
                "secondary", Fence.NONE));
        assertEquals(Set.of("s-1"), redis.set(String.class).smembers("mha:idx:site:secondary"));
        assertEquals(Set.of(), redis.set(String.class).smembers("mha:idx:site:primary"));
        assertEquals(Optional.of(moved), sessions.find("s-1"));
    }

    @Test
    void anEndedSessionStaysEndedUntilItsTtlSoEverySiteRefusesItsTokenAndLeavesEveryIndex() {
        long ttl = redis.key().pttl("mha:session:h-1");
        assertEquals(1, run(sessions.ending("h-1", ALICE)));

        assertEquals(Optional.of(ALICE.withStatus(SessionStatus.ENDED).nextVersion()), sessions.findByTokenHash("h-1"));
        assertFalse(sessions.findByTokenHash("h-1").orElseThrow().usable());
        assertTrue(Math.abs(ttl - redis.key().pttl("mha:session:h-1")) < 5_000, "KEEPTTL");
        for (String index : INDEXES) {
            assertEquals(Set.of(), redis.set(String.class).smembers(index), index);
        }
        assertEquals(Optional.empty(), sessions.update(ALICE, s -> Optional.of(s).filter(SessionRecord::usable)),
                "a copy read before the logout never brings the session back");
        assertEquals(-1, run(sessions.ending("h-1", ALICE)), "nor ends it again as it was");
    }

    private static void run(List<Request> writes) {
        writes.forEach(SessionRecordsContractTest::send);
    }

    private static long run(Request write) {
        return send(write).toLong();
    }

    private static Response send(Request write) {
        return redis.getReactive().getRedis().send(write).await().atMost(Duration.ofSeconds(5));
    }
}
