package com.mobilityha.session.site;

import com.mobilityha.common.ops.FailoverEvent;
import com.mobilityha.common.ops.FailoverJournal;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionRepository;
import com.mobilityha.common.session.SessionTokens;
import com.mobilityha.common.site.Takeover;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.localstack.quarkustest.AdminRedis;
import com.mobilityha.localstack.quarkustest.RedisSentinelResource;
import com.mobilityha.localstack.session.TestSessions;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.mobilityha.localstack.quarkustest.ManagementInterface.management;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesRegex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * This service is site "primary"; the test plays site "secondary" in Redis (its heartbeat and its
 * sessions). Killing real site processes is the job of system-tests' {@code SiteFailoverTest}.
 */
@QuarkusTest
@QuarkusTestResource(RedisSentinelResource.class)
@QuarkusTestResource(GatewayReadiness.class)
class SiteTakeoverTest {
    static final InstanceRef INSTANCE = new InstanceRef("primary", "i-1", "us-east-1");
    static final String SECONDARY_HEARTBEAT = "mha:site:secondary:heartbeat";

    @AdminRedis
    RedisDataSource redis;

    @Inject
    SessionRepository sessions;

    @Inject
    FailoverJournal failovers;

    @Inject
    SiteTakeover takeover;

    @BeforeEach
    void bothSitesAlive() {
        GatewayReadiness.ready(true);
        redis.flushall();
        secondaryBeats(60_000);
        await(() -> redis.key().exists("mha:site:primary:heartbeat"), "this site beats");
    }

    @Test
    void S6_theSurvivorTakesOverTheDeadSitesSessionsOnceAndWakesEachWithoutANewLogin() {
        String alice = TestSessions.create(redis, "acme", "alice", "u-a", INSTANCE, "secondary");
        String bob = TestSessions.create(redis, "acme", "bob", "u-b", INSTANCE, "secondary");
        String carol = TestSessions.create(redis, "acme", "carol", "u-c", INSTANCE, "primary");
        sleep(1_000);
        assertTrue(wakes().isEmpty(), "a living site is never taken over");

        secondaryBeats(300);
        await(() -> wakes().size() == 2, "WAKE for each of the dead site's sessions");
        assertEquals(Set.of(sessionId(alice), sessionId(bob)), wakes());
        await(() -> redis.set(String.class).smembers("mha:idx:site:primary").contains(sessionId(bob)),
                "re-homed after their WAKE");
        given().header("Authorization", "Bearer " + alice).get("/api/v1/session").then().statusCode(200)
                .body("site", equalTo("primary")).body("status", equalTo("ACTIVE"))
                .body("instance.instanceId", equalTo("i-1"));
        given().header("Authorization", "Bearer " + alice).get("/api/v1/servers/active").then().statusCode(200)
                .body("site", equalTo("primary")).body("baseUrl", equalTo("http://localhost:8081"))
                .body("epoch", equalTo(1));
        assertTrue(redis.value(String.class).get("mha:site:secondary:taken-over-by").equals("primary:1"));
        sleep(1_000);
        assertEquals(2, wakes().size(), "claimed once: no second takeover of the same failure");
        assertTrue(redis.set(String.class).smembers("mha:idx:site:primary").containsAll(
                Set.of(sessionId(alice), sessionId(bob), sessionId(carol))));

        List<FailoverEvent> journal = failovers.recent("acme", 10);
        assertEquals(1, journal.size(), "the takeover is journaled once, for the company whose sessions moved");
        FailoverEvent takeover = journal.get(0);
        assertEquals(FailoverEvent.Kind.SITE_TAKEOVER, takeover.kind());
        assertEquals("secondary", takeover.subject());
        assertEquals("primary", takeover.handledBy());
        assertEquals(2, takeover.sessions());
        assertTrue(takeover.detectionMillis() >= 300, "timed from the dead site's last renewal: " + takeover);
        assertEquals(1, takeover.notificationIds().size(), "the WAKE it queued, whose delivery report tells the rest");
    }

    @Test
    void S6_aTakeoverOfManyBatchesRehomesAndWakesEverySessionOnceAndJournalsThemTogether() {
        int agents = 1_250; // three batches of at most 500
        Set<String> ids = IntStream.range(0, agents)
                .mapToObj(i -> sessionId(TestSessions.create(redis, "acme", "agent" + i, "u-" + i, INSTANCE, "secondary")))
                .collect(Collectors.toSet());

        secondaryBeats(300);
        await(() -> failovers.recent("acme", 10).size() == 1, "the takeover journaled");
        assertEquals(ids, wakes(), "one WAKE for each re-homed session");
        assertEquals(agents, redis.stream(String.class).xlen("mha:notifications"), "and no session woken twice");
        assertEquals(ids, redis.set(String.class).smembers("mha:idx:site:primary"));
        assertEquals(0, redis.set(String.class).scard("mha:idx:site:secondary"));
        FailoverEvent takeover = failovers.recent("acme", 10).get(0);
        assertEquals(agents, takeover.sessions());
        assertEquals(3, takeover.notificationIds().size(), "one WAKE notification per batch");
    }

    @Test
    void S6_aTakeoverAnotherPodOfThisSiteCarriesOutIsLeftToItAndFinishedOnceItsLeaseLapses() {
        String alice = TestSessions.create(redis, "acme", "alice", "u-a", INSTANCE, "secondary");
        redis.value(String.class).set("mha:site:secondary:takeover-duty", "other-pod/primary:1", new SetArgs().px(5_000));

        secondaryBeats(300);
        await(() -> "primary:1".equals(redis.value(String.class).get("mha:site:secondary:taken-over-by")),
                "this pod claimed the takeover");
        sleep(1_000);
        assertTrue(wakes().isEmpty(), "the pod holding the takeover's duty wakes the phones, not this one as well");
        await(() -> wakes().size() == 1, "the other pod died: once its lease lapsed this pod finished the takeover");
        awaitServedBy(alice, "primary");
        assertEquals(Set.of(sessionId(alice)), redis.set(String.class).smembers("mha:idx:site:primary"));
        await(() -> !redis.key().exists("mha:site:secondary:takeover-duty"), "the duty dropped once done");
        assertEquals(1, redis.stream(String.class).xlen("mha:notifications"), "woken once");
    }

    @Test
    void S6_aTakeoverSupersededBeforeItsWritesChangesNothing() {
        String alice = TestSessions.create(redis, "acme", "alice", "u-a", INSTANCE, "secondary");
        String id = sessionId(alice);
        Takeover overtaken = new Takeover("primary", 7); // claimed, then the dead site beat again and cleared the claim

        takeover.takeOver("secondary", overtaken, new SiteWatch("secondary", Duration.ofSeconds(3)));

        given().header("Authorization", "Bearer " + alice).get("/api/v1/session").then().statusCode(200)
                .body("site", equalTo("secondary"));
        assertEquals(Set.of(id), redis.set(String.class).smembers("mha:idx:site:secondary"), "still indexed where it is served");
        assertFalse(redis.set(String.class).smembers("mha:idx:site:primary").contains(id));
        assertTrue(wakes().isEmpty(), "no WAKE: nothing moved");
        assertTrue(failovers.recent("acme", 10).isEmpty(), "no takeover journaled");
    }

    @Test
    void S6_aSiteWhoseGatewaysAreNotReadyStopsBeatingSoItsAgentsAreSentToTheOtherSiteUntilTheyAre() {
        String carol = TestSessions.create(redis, "acme", "carol", "u-c", INSTANCE, "primary");
        GatewayReadiness.ready(false);
        await(() -> !redis.key().exists("mha:site:primary:heartbeat"), "this site's heartbeat lapses");
        management().get("/metrics").then().statusCode(200)
                .body(matchesRegex(serving("0")));
        given().header("Authorization", "Bearer " + carol).get("/api/v1/servers/active").then().statusCode(200)
                .body("site", equalTo("secondary")).body("baseUrl", equalTo("http://localhost:9081"));
        given().queryParam("companyCode", "acme").get("/api/v1/servers/active").then().statusCode(200)
                .body("site", equalTo("secondary"));

        GatewayReadiness.ready(true);
        await(() -> redis.key().exists("mha:site:primary:heartbeat"), "it beats again once its gateways are ready");
        management().get("/metrics").then().body(matchesRegex(serving("1")));
        given().header("Authorization", "Bearer " + carol).get("/api/v1/servers/active").then().statusCode(200)
                .body("site", equalTo("primary"));
    }

    @Test
    void S7_theDeadSiteComingBackGetsNewLoginsButNotItsSessionsBack() {
        String alice = TestSessions.create(redis, "acme", "alice", "u-a", INSTANCE, "secondary");
        secondaryBeats(300);
        await(() -> wakes().size() == 1, "taken over");
        awaitServedBy(alice, "primary");

        secondaryBeats(60_000);
        redis.key().del("mha:site:secondary:taken-over-by");
        given().header("Authorization", "Bearer " + alice).get("/api/v1/servers/active").then().statusCode(200)
                .body("site", equalTo("primary"));
        given().queryParam("companyCode", "acme").get("/api/v1/servers/active").then().statusCode(200)
                .body("site", equalTo("primary")).body("baseUrl", equalTo("http://localhost:8081"));
    }

    @Test
    void S10_aSessionOnACallKeepsItsCallThroughTheSiteFailover() {
        String alice = TestSessions.create(redis, "acme", "alice", "u-a", INSTANCE, "secondary");
        SessionRecord session = sessions.findByTokenHash(SessionTokens.hash(alice)).orElseThrow();
        sessions.update(session, s -> Optional.of(s.withCall(new SessionRecord.ActiveCall("contact-42", Instant.now()))));
        secondaryBeats(300);
        await(() -> wakes().size() == 1, "taken over");
        awaitServedBy(alice, "primary");
        given().header("Authorization", "Bearer " + alice).get("/api/v1/session").then().statusCode(200)
                .body("site", equalTo("primary")).body("call.contactId", equalTo("contact-42"))
                .body("status", equalTo("ACTIVE"));
    }

    @Test
    void S10_aSessionAsksWhereToGoAndNewLoginsStartAtTheFirstLivingSite() {
        String alice = TestSessions.create(redis, "acme", "alice", "u-a", INSTANCE, "secondary");
        given().header("Authorization", "Bearer " + alice).get("/api/v1/servers/active").then().statusCode(200)
                .body("site", equalTo("secondary")).body("baseUrl", equalTo("http://localhost:9081"));
        given().get("/api/v1/servers/active").then().statusCode(400).contentType("application/problem+json");
        given().queryParam("companyCode", "nope").get("/api/v1/servers/active").then().statusCode(404);
        given().header("Authorization", "Bearer not-a-token").get("/api/v1/servers/active").then().statusCode(401);
    }

    /** The metrics page, with the gateway part of the site's serving path at {@code value}. */
    private static String serving(String value) {
        return "(?s).*mobility_site_serving\\{check=\"connect-gateway\"[^}]*} " + value + "\\.0.*";
    }

    /** The takeover wakes the phones first and moves their sessions after: a test reading the move waits for it. */
    private void awaitServedBy(String token, String site) {
        await(() -> sessions.findByTokenHash(SessionTokens.hash(token)).map(SessionRecord::site).filter(site::equals)
                .isPresent(), "the session moved to site " + site + " after its WAKE");
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) {
        Poll.require(condition, what, Duration.ofSeconds(10));
    }

    private static void sleep(long millis) {
        Poll.sleep(millis);
    }

    private void secondaryBeats(long ttlMillis) {
        redis.value(String.class).set(SECONDARY_HEARTBEAT, "test", new SetArgs().px(ttlMillis));
    }

    private Set<String> wakes() {
        return redis.stream(String.class).xrange("mha:notifications", StreamRange.of("-", "+")).stream()
                .map(StreamMessage::payload).filter(p -> "WAKE".equals(p.get("kind")))
                .map(p -> p.get("sessionId")).collect(Collectors.toSet());
    }

    private String sessionId(String token) {
        String json = redis.value(String.class).get("mha:session:" + SessionTokens.hash(token));
        return json.replaceAll("(?s).*\"sessionId\":\"([^\"]+)\".*", "$1");
    }
}
