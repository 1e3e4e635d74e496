package com.mobilityha.common.session;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mobilityha.common.session.SessionRecord.ActiveCall;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.common.session.SessionRecord.SessionUser;
import com.mobilityha.localstack.redis.RedisClient;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Request;
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
            CREATED.plus(Duration.ofHours(12)), null, null);
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
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
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
    void aReplacedSessionKeepsItsExpiryAndOnlyStoredSessionsAreReplaced() {
        long ttl = redis.key().pttl("mha:session:h-1");
        SessionRecord onACall = ALICE.withCall(new ActiveCall("c-9", CREATED.plusSeconds(60)));

        assertTrue(sessions.replace(onACall));
        assertEquals(Optional.of(onACall), sessions.find("s-1"));
        assertTrue(redis.value(String.class).get("mha:session:h-1")
                .contains("\"call\":{\"contactId\":\"c-9\",\"startedAt\":\"2026-12-02T08:01:00.125Z\"}"));
        assertTrue(Math.abs(ttl - redis.key().pttl("mha:session:h-1")) < 5_000, "KEEPTTL");

        SessionRecord unknown = new SessionRecord("s-404", "acme", new SessionUser("bob", "u-b"), ALICE.instance(),
                "primary", SessionStatus.ACTIVE, CREATED, CREATED, null, null);
        assertFalse(sessions.replace(unknown));
        SessionRecord relogin = onACall.reloginRequired();
        assertEquals(List.of(relogin), sessions.replaceAll(List.of(relogin, unknown)));
        assertTrue(redis.value(String.class).get("mha:session:h-1").contains("\"status\":\"RELOGIN_REQUIRED\",")
                && redis.value(String.class).get("mha:session:h-1").endsWith("\"callLost\":true}"), "S11: the call is lost");
    }

    @Test
    void aSessionMovedToAnotherSiteIsNamedAndIndexedThereOnlyAndAMoveRepeatedChangesNothing() {
        SessionRecord unknown = new SessionRecord("s-404", "acme", new SessionUser("bob", "u-b"), ALICE.instance(),
                "primary", SessionStatus.ACTIVE, CREATED, CREATED, null, null);
        assertEquals(List.of(ALICE.withSite("secondary")), sessions.moveToSite(List.of(ALICE, unknown), "primary", "secondary"));
        assertEquals(Optional.of(ALICE.withSite("secondary")), sessions.find("s-1"));
        assertEquals(Set.of(), redis.set(String.class).smembers("mha:idx:site:primary"));
        assertEquals(Set.of("s-1"), redis.set(String.class).smembers("mha:idx:site:secondary"));

        sessions.moveToSite(List.of(ALICE), "primary", "secondary");
        assertEquals(Set.of("s-1"), redis.set(String.class).smembers("mha:idx:site:secondary"));
        assertEquals(Set.of(), redis.set(String.class).smembers("mha:idx:site:primary"));
    }

    @Test
    void anEndedSessionStaysEndedUntilItsTtlSoEverySiteRefusesItsTokenAndLeavesEveryIndex() {
        long ttl = redis.key().pttl("mha:session:h-1");
        run(sessions.ending("h-1", ALICE));

        assertEquals(Optional.of(ALICE.withStatus(SessionStatus.ENDED)), sessions.findByTokenHash("h-1"));
        assertFalse(sessions.findByTokenHash("h-1").orElseThrow().usable());
        assertTrue(Math.abs(ttl - redis.key().pttl("mha:session:h-1")) < 5_000, "KEEPTTL");
        for (String index : INDEXES) {
            assertEquals(Set.of(), redis.set(String.class).smembers(index), index);
        }
    }

    private static void run(List<Request> writes) {
        writes.forEach(write -> redis.getReactive().getRedis().send(write).await().atMost(Duration.ofSeconds(5)));
    }
}
