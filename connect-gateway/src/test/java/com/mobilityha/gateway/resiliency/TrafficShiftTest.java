package com.mobilityha.gateway.resiliency;

import com.mobilityha.common.ops.AuditEntry;
import com.mobilityha.common.ops.AuditLog;
import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionRepository;
import com.mobilityha.common.session.SessionTokens;
import com.mobilityha.gateway.connect.ConnectCalls;
import com.mobilityha.gateway.testing.AdminIdentityResource;
import com.mobilityha.gateway.testing.Await;
import com.mobilityha.gateway.testing.ConnectSimulatorResource;
import com.mobilityha.gateway.testing.GlobalResiliencyCompanyResource;
import com.mobilityha.gateway.testing.GlobalResiliencyProfile;
import com.mobilityha.localstack.identity.DevIdentityProvider;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.localstack.quarkustest.AdminRedis;
import com.mobilityha.localstack.quarkustest.RedisServerResource;
import com.mobilityha.localstack.session.TestSessions;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.mobilityha.localstack.demo.GlobalResiliencyCompany.CODE;
import static com.mobilityha.localstack.demo.GlobalResiliencyCompany.REPLICA;
import static com.mobilityha.localstack.demo.GlobalResiliencyCompany.SOURCE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * B3: an administrator shifts initech's traffic distribution group in waves or all at once, and fails it back,
 * through the gateway's admin API against the simulator's Global Resiliency pair: agents on a call move once it
 * ends (a call the session knows, or one Connect shows), moved agents keep their status, a shift asked for twice
 * is one shift, shifts asked for at once leave the group as the company's shift
 * says, and a request that is wrong, or that Connect refuses, is a 4xx problem that moves nobody.
 */
@QuarkusTest
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(ConnectSimulatorResource.class)
@QuarkusTestResource(AdminIdentityResource.class)
@TestProfile(GlobalResiliencyProfile.class)
class TrafficShiftTest {
    private static final String DISTRIBUTION = "/api/v1/admin/traffic-distributions/";

    @AdminRedis
    RedisDataSource redis;

    @Inject
    SessionRepository sessions;

    @Inject
    ConnectCalls calls;

    @Inject
    AuditLog audit;

    @ConfigProperty(name = "simulator.url")
    String simulator;

    @AdminIdentityResource.Inject
    DevIdentityProvider idp;

    @BeforeEach
    void everyInstanceHealthyAndTheSourceWorking() {
        GlobalResiliencyCompanyResource.bothInstancesUpAndNoSessions(simulator, calls, redis);
    }

    @Test
    void B3_wavesMoveAgentsOffACallFirstAndAnAgentOnACallOnlyOnceItEnds() {
        String alice = signedIn("alice");
        String bob = signedIn("bob");
        String carol = signedIn("carol");
        call(carol, "c-1");

        shift(CODE, "{\"region\":\"" + REPLICA.region() + "\",\"inWaves\":true,\"pauseSeconds\":1}", "k-1")
                .statusCode(202).body("state", equalTo("IN_PROGRESS")).body("percentage", equalTo(10)).body("pauseSeconds", equalTo(1))
                .body("targetRole", equalTo("secondary")).body("startedBy", equalTo("admin@" + CODE));

        Await.until(() -> onReplica(alice) || onReplica(bob), "the first wave moved an agent off a call");
        Poll.require(() -> "DONE".equals(view().getString("shift.state")), "every wave sent (9 more, a second apart)",
                Duration.ofSeconds(60));
        Await.until(() -> onReplica(alice) && onReplica(bob), "alice and bob on the replica");
        assertTrue(!onReplica(carol), "carol is on a call: she stays until it ends");
        ValidatableResponse view = distribution(CODE).statusCode(200)
                .body("regions[1].region", equalTo(REPLICA.region())).body("regions[1].telephony", equalTo(100))
                .body("regions[1].agents", equalTo(100)).body("regions[1].signIn", equalTo(true))
                .body("regions[0].signIn", equalTo(false)).body("regions[1].sessions", equalTo(2))
                .body("regions[0].sessions", equalTo(1));
        assertTrue(view.extract().path("shift.nextWaveAt") == null);

        call(carol, null);
        Await.until(() -> onReplica(carol), "carol follows once her call ended");
        AuditEntry started = audit.recent(CODE, 1).get(0);
        assertEquals("TRAFFIC_SHIFT_STARTED", started.action());
        assertEquals("Traffic shift to the replica instance (us-west-2), in 10 % waves every 1 s; agents on a call move"
                + " when it ends", started.what());
    }

    @Test
    void B3_aFailBackMovesAgentsWhenTheirCallEnds() {
        String alice = signedIn("alice");
        String bob = signedIn("bob");
        shift(CODE, "{\"region\":\"" + REPLICA.region() + "\"}", "to-replica").statusCode(202)
                .body("state", equalTo("DONE")).body("percentage", equalTo(100));
        Await.until(() -> onReplica(alice) && onReplica(bob), "both on the replica");
        call(bob, "c-2");

        shift(CODE, "{\"region\":\"" + SOURCE.region() + "\"}", "back").statusCode(202)
                .body("targetRole", equalTo("primary")).body("state", equalTo("DONE"));

        Await.until(() -> onSource(alice), "alice, off a call, fails back");
        Await.sleep(2_000);
        assertTrue(onReplica(bob), "bob is on a call: not moved before it ends");
        call(bob, null);
        Await.until(() -> onSource(bob), "bob fails back once his call ended");
        assertEquals("TRAFFIC_FAILBACK_STARTED", audit.recent(CODE, 1).get(0).action());
    }

    @Test
    void B3_aMovedAgentKeepsTheirStatusAndAnAgentOnAnInboundCallMovesOnceItEnds() {
        String alice = signedIn("alice");
        String bob = signedIn("bob");
        given().header("Authorization", "Bearer " + alice).contentType(ContentType.JSON).body("{\"status\":\"Lunch\"}")
                .put("/api/v1/agent/status").then().statusCode(200);
        String inbound = given().baseUri(simulator).contentType(ContentType.JSON)
                .body("{\"customerNumber\":\"+14155550125\",\"agent\":\"bob\"}")
                .post("/admin/calls/" + SOURCE.instanceId()).then().statusCode(201).extract().path("id");
        customer(inbound, "answer");

        shift(CODE, "{\"region\":\"" + REPLICA.region() + "\"}", "keep").statusCode(202).body("state", equalTo("DONE"));

        Await.until(() -> onReplica(alice), "alice moved");
        assertEquals("Lunch", agentStatus(REPLICA.instanceId(), "alice"), "at lunch on the replica too: no calls routed to her");
        Await.sleep(2_000);
        assertTrue(!onReplica(bob), "bob is on an inbound call Connect shows: not moved before it ends");
        customer(inbound, "customer-hang-up");
        Await.until(() -> onReplica(bob), "bob follows once the customer hung up");
        Await.until(() -> "Available".equals(agentStatus(REPLICA.instanceId(), "bob")), "bob Available on the replica");
    }

    @Test
    void B3_aShiftAskedForTwiceIsOneShift() {
        String first = shift(CODE, "{\"region\":\"" + REPLICA.region() + "\",\"inWaves\":true,\"pauseSeconds\":600}", "a")
                .statusCode(202).extract().path("shiftId");
        String again = shift(CODE, "{\"region\":\"" + REPLICA.region() + "\",\"inWaves\":true}", "b")
                .statusCode(202).body("percentage", equalTo(10)).extract().path("shiftId");
        String retried = shift(CODE, "{\"region\":\"" + REPLICA.region() + "\",\"inWaves\":true,\"pauseSeconds\":600}", "a")
                .statusCode(202).extract().path("shiftId");

        assertEquals(first, again, "a shift to where one is in progress is that shift");
        assertEquals(first, retried, "a retry with the same Idempotency-Key is that shift");
        assertEquals(1, audit.recent(CODE, 10).size(), "audited once");
        distribution(CODE).statusCode(200).body("regions[1].agents", equalTo(10)).body("shift.shiftId", equalTo(first));
    }

    @Test
    void B3_aShiftWhileAnotherChangeIsBeingMadeIsABusyProblemThatChangesNothing() {
        String alice = signedIn("alice");
        redis.value(String.class).set(RedisKeys.trafficShiftLock(CODE), "another gateway pod");
        try {
            shift(CODE, "{\"region\":\"" + REPLICA.region() + "\"}", "busy").statusCode(409)
                    .contentType("application/problem+json").body("type", containsString("traffic-shift-busy"));
            distribution(CODE).statusCode(200).body("regions[0].agents", equalTo(100)).body("regions[1].agents", equalTo(0));
        } finally {
            redis.key().del(RedisKeys.trafficShiftLock(CODE));
        }
        assertTrue(!onReplica(alice), "nobody moved");

        shift(CODE, "{\"region\":\"" + REPLICA.region() + "\"}", "busy").statusCode(202).body("state", equalTo("DONE"));
        Await.until(() -> onReplica(alice), "the retry with the same Idempotency-Key shifted");
    }

    @Test
    void B3_administratorsShiftingToBothRegionsAtOnceLeaveTheGroupAsTheCompanysShiftSays() throws Exception {
        ExecutorService admins = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String region = (i % 2 == 0 ? REPLICA : SOURCE).region();
                String body = "{\"region\":\"" + region + "\",\"inWaves\":true,\"pauseSeconds\":600}";
                String key = "admin-" + i;
                answers.add(admins.submit(() -> shift(CODE, body, key).extract().statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertTrue(List.of(202, 409).contains(answer.get()), "each shift is taken, or a busy problem to retry");
            }
        } finally {
            admins.shutdownNow();
        }

        io.restassured.path.json.JsonPath view = view();
        int onTarget = view.getInt("regions.find { it.region == '" + view.getString("shift.targetRegion") + "' }.agents");
        assertEquals(view.getInt("shift.percentage"), onTarget,
                "the group sends the target the share the company's shift has reached: " + view.prettify());
    }

    @Test
    void B3_aNonDefaultGroupShiftsItsAgentsAndLeavesTheirSignInToTheDefaultGroup() {
        String alice = TestSessions.create(redis, GlobalResiliencyCompanyResource.NOT_DEFAULT, "alice", "u-alice", SOURCE);
        io.restassured.path.json.JsonPath before = distribution(GlobalResiliencyCompanyResource.NOT_DEFAULT).statusCode(200)
                .extract().jsonPath();

        // Connect refuses a changed SignInConfig on a non-default group (InvalidRequestException): the shift
        // leaves it out, as DescribeTrafficDistributionGroup's IsDefault says
        shift(GlobalResiliencyCompanyResource.NOT_DEFAULT, "{\"region\":\"" + REPLICA.region() + "\"}", "x")
                .statusCode(202).body("state", equalTo("DONE"));

        distribution(GlobalResiliencyCompanyResource.NOT_DEFAULT).statusCode(200)
                .body("regions[1].agents", equalTo(100)).body("regions[1].telephony", equalTo(100))
                .body("regions[0].signIn", equalTo(before.getBoolean("regions[0].signIn")))
                .body("regions[1].signIn", equalTo(before.getBoolean("regions[1].signIn")));
        Await.until(() -> onReplica(alice), "alice moved to the replica without a new sign-in");
    }

    @Test
    void B3_aShiftConnectRefusesIsAProblemAndMovesNobody() {
        String alice = TestSessions.create(redis, GlobalResiliencyCompanyResource.DELETED_GROUP, "alice", "u-alice", SOURCE);

        shift(GlobalResiliencyCompanyResource.DELETED_GROUP, "{\"region\":\"" + REPLICA.region() + "\",\"inWaves\":true}", "x")
                .statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("Amazon Connect"));

        distribution(GlobalResiliencyCompanyResource.DELETED_GROUP).statusCode(404).contentType("application/problem+json");
        Await.sleep(2_000);
        assertTrue(!onReplica(alice), "nobody moved");
    }

    @Test
    void B3_badShiftRequestsAreProblems() {
        shift(CODE, "{\"region\":\"eu-west-1\"}", null).statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("region")).body("errors[0].message", containsString("us-east-1"));
        shift(CODE, "{\"region\":\"../x\",\"pauseSeconds\":0}", null).statusCode(400)
                .body("errors.field", equalTo(List.of("region", "pauseSeconds")));
        shift(CODE, "{}", null).statusCode(400).body("errors[0].field", equalTo("region"));
        shift(CODE, "[1]", null).statusCode(400).contentType("application/problem+json");
        shift(CODE, "{\"region\":\"" + REPLICA.region() + "\"}", "k".repeat(201)).statusCode(400)
                .body("errors[0].field", equalTo("Idempotency-Key"));
        given().header("Authorization", "Bearer " + admin("acme")).get(DISTRIBUTION + CODE)
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + admin("acme")).get(DISTRIBUTION + "acme")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("not an Amazon Connect Global Resiliency pair"));
        given().get(DISTRIBUTION + CODE).then().statusCode(401);
        assertEquals(0, audit.recent(CODE, 10).size(), "nothing audited");
        distribution(CODE).statusCode(200).body("regions[0].agents", equalTo(100));
    }

    @Test
    void B3_aShiftToADownInstanceIsRefused() {
        given().baseUri(simulator).contentType(ContentType.JSON).body("{\"mode\":\"RESET\"}")
                .put("/admin/instances/" + REPLICA.instanceId() + "/faults").then().statusCode(200);
        Await.instanceState(REPLICA.instanceId(), "DOWN");

        shift(CODE, "{\"region\":\"" + REPLICA.region() + "\"}", null).statusCode(409)
                .contentType("application/problem+json").body("type", containsString("shift-target-down"));

        given().baseUri(simulator).contentType(ContentType.JSON).body("{\"mode\":\"HEALTHY\"}")
                .put("/admin/instances/" + REPLICA.instanceId() + "/faults").then().statusCode(200);
        Await.instanceState(REPLICA.instanceId(), "UP");
    }

    private void customer(String contactId, String action) {
        given().baseUri(simulator).post("/admin/calls/" + SOURCE.instanceId() + "/" + contactId + "/" + action)
                .then().statusCode(200);
    }

    private String agentStatus(String instanceId, String username) {
        return GlobalResiliencyCompanyResource.agentStatus(simulator, instanceId, username);
    }

    private String signedIn(String username) {
        return GlobalResiliencyCompanyResource.signedIn(redis, username);
    }

    private void call(String token, String contactId) {
        sessions.update(find(token), s -> Optional.of(s.withCall(contactId == null ? null
                : new SessionRecord.ActiveCall(contactId, Instant.now()))));
    }

    private SessionRecord find(String token) {
        return sessions.findByTokenHash(SessionTokens.hash(token)).orElseThrow();
    }

    private boolean onReplica(String token) {
        return find(token).instance().instanceId().equals(REPLICA.instanceId());
    }

    private boolean onSource(String token) {
        return find(token).instance().instanceId().equals(SOURCE.instanceId());
    }

    private io.restassured.path.json.JsonPath view() {
        return distribution(CODE).statusCode(200).extract().jsonPath();
    }

    private ValidatableResponse distribution(String company) {
        return given().header("Authorization", "Bearer " + admin(company)).get(DISTRIBUTION + company).then();
    }

    private ValidatableResponse shift(String company, String body, String idempotencyKey) {
        var request = given().header("Authorization", "Bearer " + admin(company)).contentType(ContentType.JSON).body(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post(DISTRIBUTION + company + "/shifts").then();
    }

    private String admin(String company) {
        return idp.adminToken(AdminIdentityResource.ADMIN_ISSUER, company);
    }
}
