package com.mobilityha.gateway.failback;

import com.mobilityha.common.ops.AuditEntry;
import com.mobilityha.common.ops.AuditLog;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.common.session.SessionTokens;
import com.mobilityha.gateway.testing.AdminIdentityResource;
import com.mobilityha.gateway.testing.Await;
import com.mobilityha.gateway.testing.ConnectSimulatorResource;
import com.mobilityha.localstack.identity.DevIdentityProvider;
import com.mobilityha.localstack.quarkustest.AdminRedis;
import com.mobilityha.localstack.quarkustest.RedisServerResource;
import com.mobilityha.localstack.session.TestSessions;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static com.mobilityha.localstack.demo.DemoCompany.PRIMARY;
import static com.mobilityha.localstack.demo.DemoCompany.PROBLEMS;
import static com.mobilityha.localstack.demo.DemoCompany.SECONDARY;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(ConnectSimulatorResource.class)
@QuarkusTestResource(AdminIdentityResource.class)
class FailbackTest {
    @Inject
    AuditLog audit;

    @AdminRedis
    RedisDataSource redis;

    @ConfigProperty(name = "simulator.url")
    String simulator;

    @AdminIdentityResource.Inject
    DevIdentityProvider idp;

    @BeforeEach
    void bothInstancesUpAndNoSessions() {
        given().baseUri(simulator).post("/admin/reset").then().statusCode(200);
        Await.started();
        Await.instanceState(PRIMARY.instanceId(), "UP");
        redis.flushall();
    }

    @Test
    void S9_anAdministratorAsksEveryAgentOnTheSecondaryToSignInAgainAndNobodyIsMoved() {
        String alice = onSecondary("alice");
        String bob = onSecondary("bob");
        String carol = TestSessions.create(redis, "acme", "carol", userId(PRIMARY, "carol"), PRIMARY);

        String id = failback(admin("acme"), "{\"companyCode\":\"acme\",\"whenIdle\":false}")
                .statusCode(202)
                .body("targeted", equalTo(2)).body("notified", equalTo(2)).body("waiting", equalTo(0))
                .body("startedBy", equalTo("admin@acme"))
                .extract().path("failbackId");

        Map<String, Map<String, String>> pushes = failbackPushes();
        assertEquals(Set.of(sessionId(alice), sessionId(bob)), pushes.keySet(), "FAILBACK to the agents on the secondary");
        Map<String, String> push = pushes.get(sessionId(alice));
        assertEquals("primary", push.get("instanceRole"), "the push names the instance to sign in to");
        assertTrue(push.get("message").contains("back"));
        assertTrue(!pushes.containsKey(sessionId(carol)));
        assertEquals(SECONDARY.instanceId(), session(alice).get("instanceId"),
                "nobody is moved: a Connect login cannot move, the agent signs in again when ready");

        given().header("Authorization", "Bearer " + admin("acme")).get("/api/v1/admin/failbacks/" + id)
                .then().statusCode(200).body("notified", equalTo(2)).body("notificationIds.size()", equalTo(1));

        AuditEntry started = audit.recent("acme", 1).get(0);
        assertEquals("admin@acme", started.who());
        assertEquals("FAILBACK_STARTED", started.action());
        assertEquals("Fail-back to the primary instance, all agents now (2 agents on another instance)", started.what());
        assertEquals(id, started.ref());
    }

    @Test
    void B2_aWhenIdleFailbackWaitsUntilTheAgentsCallHasEnded() {
        String alice = onSecondary("alice");
        String bob = onSecondary("bob");
        String contactId = given().header("Authorization", "Bearer " + bob).contentType(ContentType.JSON)
                .body("{\"destination\":\"+14155550100\"}").post("/api/v1/calls")
                .then().statusCode(201).extract().path("contactId");

        String id = failback(admin("acme"), "{\"companyCode\":\"acme\",\"whenIdle\":true}")
                .statusCode(202).body("targeted", equalTo(2)).body("notified", equalTo(1)).body("waiting", equalTo(1))
                .extract().path("failbackId");
        assertEquals(Set.of(sessionId(alice)), failbackPushes().keySet(), "only the idle agent is told at once");

        Await.sleep(1_000);
        assertEquals(Set.of(sessionId(alice)), failbackPushes().keySet(), "bob is on a call: still not told");

        given().header("Authorization", "Bearer " + bob).delete("/api/v1/calls/" + contactId).then().statusCode(204);
        Await.until(() -> failbackPushes().containsKey(sessionId(bob)), "bob told after his call");
        given().header("Authorization", "Bearer " + admin("acme")).get("/api/v1/admin/failbacks/" + id)
                .then().statusCode(200).body("notified", equalTo(2)).body("waiting", equalTo(0));
        assertEquals(1, failbackPushes().values().stream().filter(p -> p.get("sessionId").equals(sessionId(bob))).count(),
                "told once");
    }

    @Test
    void S9_whenThePrimaryComesBackNobodyMovesAndTheWhenIdlePolicyStartsTheFailback() {
        String alice = onSecondary("alice");
        fault(PRIMARY.instanceId(), "RESET");
        Await.instanceState(PRIMARY.instanceId(), "DOWN");
        Await.until(() -> "DOWN".equals(redis.hash(String.class).hget("mha:connect-instance:" + PRIMARY.instanceId(),
                "state")), "DOWN for the company: its return starts the fail-back policy");
        failback(admin("acme"), "{\"companyCode\":\"acme\"}")
                .statusCode(409).body("type", equalTo(PROBLEMS + "primary-instance-not-back"));
        assertTrue(failbackPushes().isEmpty());

        given().baseUri(simulator).delete("/admin/instances/" + PRIMARY.instanceId() + "/faults").then().statusCode(200);
        Await.instanceState(PRIMARY.instanceId(), "UP");
        Await.until(() -> failbackPushes().containsKey(sessionId(alice)), "acme's when-idle policy tells the idle agent");
        assertEquals(SECONDARY.instanceId(), session(alice).get("instanceId"));
        assertEquals("ACTIVE", session(alice).get("status"));
    }

    @Test
    void onlyAdministratorsOfTheCompanyMayFailBack() {
        String body = "{\"companyCode\":\"acme\"}";
        given().contentType(ContentType.JSON).body(body).post("/api/v1/admin/failbacks")
                .then().statusCode(401).contentType("application/problem+json");
        failback(admin("solo"), body).statusCode(403).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "forbidden"));
        failback(idp.token(AdminIdentityResource.ADMIN_ISSUER, "agent@acme", "mobility-ha",
                Map.of("company", "acme", "groups", List.of("agent"))), body).statusCode(403);
        String id = failback(admin("acme"), body).statusCode(202).extract().path("failbackId");
        given().header("Authorization", "Bearer " + admin("solo")).get("/api/v1/admin/failbacks/" + id)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anAdministratorProbingCompanyCodesGetsOneAndTheSame403ForUnknownAndForeignCompanies() {
        String admin = admin("acme");
        String unknown = failback(admin, "{\"companyCode\":\"nope\"}").statusCode(403)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "forbidden"))
                .extract().asString();
        String foreign = failback(admin, "{\"companyCode\":\"solo\"}").statusCode(403).extract().asString();
        assertEquals(foreign, unknown, "an unknown company looks exactly like another company");
    }

    @Test
    void badFailbackRequestsAreProblems() {
        String admin = admin("acme");
        failback(admin, "{\"companyCode\":").statusCode(400).body("type", equalTo(PROBLEMS + "malformed-json"));
        failback(admin, "{}").statusCode(400).body("errors[0].field", equalTo("companyCode"));
        failback(admin, "{\"companyCode\":\"acme\",\"whenIdle\":\"sometimes\"}").statusCode(400);
        given().header("Authorization", "Bearer " + admin).get("/api/v1/admin/failbacks/unknown")
                .then().statusCode(404).contentType("application/problem+json");
    }

    private String onSecondary(String username) {
        return TestSessions.create(redis, "acme", username, userId(SECONDARY, username), SECONDARY);
    }

    private String userId(InstanceRef instance, String username) {
        return given().baseUri(simulator).get("/admin/instances/" + instance.instanceId() + "/agents/" + username)
                .then().statusCode(200).extract().path("userId");
    }

    private String admin(String company) {
        return idp.adminToken(AdminIdentityResource.ADMIN_ISSUER, company);
    }

    private ValidatableResponse failback(String adminToken, String body) {
        return given().header("Authorization", "Bearer " + adminToken).contentType(ContentType.JSON).body(body)
                .post("/api/v1/admin/failbacks").then();
    }

    /** FAILBACK stream entries by session id. */
    private Map<String, Map<String, String>> failbackPushes() {
        return redis.stream(String.class).xrange("mha:notifications", StreamRange.of("-", "+")).stream()
                .map(StreamMessage::payload)
                .filter(p -> "FAILBACK".equals(p.get("kind")))
                .collect(Collectors.toMap(p -> p.get("sessionId"), p -> p, (a, b) -> a));
    }

    private Map<String, String> session(String token) {
        String json = redis.value(String.class).get("mha:session:" + SessionTokens.hash(token));
        Map<String, String> fields = new java.util.HashMap<>();
        Matcher status = Pattern.compile("\"status\":\"([A-Z_]+)\"").matcher(json);
        fields.put("status", status.find() ? status.group(1) : null);
        Matcher instance = Pattern.compile("\"instanceId\":\"([^\"]+)\"").matcher(json);
        fields.put("instanceId", instance.find() ? instance.group(1) : null);
        Matcher id = Pattern.compile("\"sessionId\":\"([^\"]+)\"").matcher(json);
        fields.put("sessionId", id.find() ? id.group(1) : null);
        return fields;
    }

    private String sessionId(String token) {
        return session(token).get("sessionId");
    }

    private void fault(String instanceId, String mode) {
        given().baseUri(simulator).contentType(ContentType.JSON).body("{\"mode\":\"" + mode + "\"}")
                .put("/admin/instances/" + instanceId + "/faults").then().statusCode(200);
    }

}
