package com.mobilityha.gateway.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityha.common.ops.FailoverEvent;
import com.mobilityha.common.ops.FailoverJournal;
import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.common.session.SessionTokens;
import com.mobilityha.gateway.connect.ConnectCalls;
import com.mobilityha.gateway.testing.Await;
import com.mobilityha.gateway.testing.ConnectSimulatorResource;
import com.mobilityha.localstack.quarkustest.AdminRedis;
import com.mobilityha.localstack.quarkustest.RedisServerResource;
import com.mobilityha.localstack.quarkustest.ServiceCaller;
import com.mobilityha.localstack.session.TestSessions;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.mobilityha.gateway.testing.AgentRequests.setStatus;
import static com.mobilityha.localstack.demo.DemoCompany.PRIMARY;
import static com.mobilityha.localstack.demo.DemoCompany.PROBLEMS;
import static com.mobilityha.localstack.quarkustest.ManagementInterface.management;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** S3 and instance health against the simulator's instances, through the real AWS SDK. */
@QuarkusTest
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(ConnectSimulatorResource.class)
class InstanceFailoverTest {
    static final String SECONDARY = "a1b2c3d4-0000-4000-8000-000000000002";

    @Inject
    FailoverJournal failovers;

    @AdminRedis
    RedisDataSource redis;

    @Inject
    ConnectCalls calls;

    @ConfigProperty(name = "simulator.url")
    String simulator;
    @ConfigProperty(name = "simulator.metrics-url")
    String simulatorMetrics;

    @BeforeEach
    void everyInstanceHealthy() {
        given().baseUri(simulator).post("/admin/reset").then().statusCode(200);
        Await.started();
        Await.instanceState(PRIMARY.instanceId(), "UP");
        Await.instanceState(SECONDARY, "UP");
        calls.resetBreaker(PRIMARY.instanceId()); // failures a previous test provoked are not this test's
        calls.resetBreaker(SECONDARY);
        redis.flushall(); // no session, push or other pod's view left by an earlier test
    }

    @Test
    void S3_loginGoesToTheSecondaryWhenThePrimaryIsDown() {
        fault(PRIMARY.instanceId(), "RESET");
        Await.instanceState(PRIMARY.instanceId(), "DOWN");

        given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("{\"companyCode\":\"acme\",\"username\":\"bob\"}")
                .post("/internal/v1/agent-logins")
                .then().statusCode(200)
                .body("instance.role", equalTo("secondary"))
                .body("instance.instanceId", equalTo(SECONDARY));
        given().baseUri(simulator).get("/admin/instances/" + SECONDARY + "/agents/bob")
                .then().body("status", equalTo("Available"));
        given().baseUri(simulator).get("/admin/instances/" + PRIMARY.instanceId() + "/agents/bob")
                .then().body("status", equalTo("Offline"));
    }

    @Test
    void B1_newSsoLoginsAreSentToTheInstanceThatIsUp() {
        given().header(ServiceCaller.as("login-service")).get("/internal/v1/agent-logins/next-instance/acme").then().statusCode(200)
                .body("role", equalTo("primary"));
        fault(PRIMARY.instanceId(), "RESET");
        Await.instanceState(PRIMARY.instanceId(), "DOWN");

        given().header(ServiceCaller.as("login-service")).get("/internal/v1/agent-logins/next-instance/ACME").then().statusCode(200)
                .body("role", equalTo("secondary")).body("instanceId", equalTo(SECONDARY));
        given().header(ServiceCaller.as("login-service")).get("/internal/v1/agent-logins/next-instance/nope").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void S4_anSsoLoginPinnedToADeadInstanceIsNotMovedToTheOther() {
        fault(PRIMARY.instanceId(), "RESET");
        Await.instanceState(PRIMARY.instanceId(), "DOWN");

        given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON)
                .body("{\"companyCode\":\"acme\",\"username\":\"bob\",\"instanceRole\":\"primary\"}")
                .post("/internal/v1/agent-logins")
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", endsWith("connect-instance-unavailable"));
        given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON)
                .body("{\"companyCode\":\"acme\",\"username\":\"bob\",\"instanceRole\":\"secondary\"}")
                .post("/internal/v1/agent-logins")
                .then().statusCode(200).body("instance.role", equalTo("secondary"));
        given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON)
                .body("{\"companyCode\":\"acme\",\"username\":\"bob\",\"instanceRole\":\"tertiary\"}")
                .post("/internal/v1/agent-logins")
                .then().statusCode(400).body("errors[0].field", equalTo("instanceRole"));
    }

    @Test
    void S3_loginFallsOverEvenBeforeTheProbeNoticed() {
        fault(PRIMARY.instanceId(), "ERROR_500");
        given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("{\"companyCode\":\"acme\",\"username\":\"carol\"}")
                .post("/internal/v1/agent-logins")
                .then().statusCode(200).body("instance.role", equalTo("secondary"));
    }

    @Test
    void S3_aSlowPrimaryCostsABoundedWaitAndTheLoginLandsOnTheSecondary() {
        given().baseUri(simulator).contentType(ContentType.JSON).body("{\"mode\":\"HEALTHY\",\"latencyMs\":6000}")
                .put("/admin/instances/" + PRIMARY.instanceId() + "/faults").then().statusCode(200);
        long start = System.nanoTime();
        given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("{\"companyCode\":\"acme\",\"username\":\"alice\"}")
                .post("/internal/v1/agent-logins")
                .then().statusCode(200).body("instance.role", equalTo("secondary"));
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(waitedMillis < 6000, "the login did not wait for the slow primary (" + waitedMillis + " ms)");
    }

    @Test
    void aBlipOfTheInstanceIsHiddenFromTheAgentByARetriedRead() {
        String userId = given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("{\"companyCode\":\"acme\",\"username\":\"bob\"}")
                .post("/internal/v1/agent-logins").then().statusCode(200).extract().path("connectUserId");
        String session = TestSessions.create(redis, "acme", "bob", userId, PRIMARY);
        double errorsBefore = simulatorErrors();
        given().baseUri(simulator).contentType(ContentType.JSON).body("{\"failNext\":1}")
                .put("/admin/instances/" + PRIMARY.instanceId() + "/faults").then().statusCode(200);
        given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("{\"companyCode\":\"acme\",\"username\":\"bob\"}")
                .post("/internal/v1/agent-logins").then().statusCode(200);
        assertEquals(errorsBefore + 1, simulatorErrors(), "the instance did fail once (the read or a probe)");
        setStatus(session, "Lunch").then().statusCode(200);
    }

    @Test
    void S14_aOneInstanceCompanyWhoseInstanceIsDownIsToldClearly() {
        fault(ConnectSimulatorResource.SOLO_INSTANCE, "RESET");
        Await.instanceState(ConnectSimulatorResource.SOLO_INSTANCE, "DOWN");
        given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("{\"companyCode\":\"solo\",\"username\":\"alice\"}")
                .post("/internal/v1/agent-logins")
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "connect-instance-unavailable"))
                .body("detail", org.hamcrest.Matchers.containsString("primary"));
    }

    @Test
    void S14_bothInstancesDownIsA503AndTheGatewayIsNotReady() {
        fault(PRIMARY.instanceId(), "RESET");
        fault(SECONDARY, "RESET");
        fault(ConnectSimulatorResource.SOLO_INSTANCE, "RESET");
        Await.instanceState(PRIMARY.instanceId(), "DOWN");
        Await.instanceState(SECONDARY, "DOWN");
        Await.instanceState(ConnectSimulatorResource.SOLO_INSTANCE, "DOWN");

        given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("{\"companyCode\":\"acme\",\"username\":\"alice\"}")
                .post("/internal/v1/agent-logins")
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "connect-instance-unavailable"));
        management().get("/health/ready").then().statusCode(503);
    }

    @Test
    void oneInstanceDownKeepsTheGatewayReadyAndIsSharedInRedis() {
        long epochBefore = epoch(PRIMARY.instanceId());
        fault(PRIMARY.instanceId(), "HANG");
        Await.instanceState(PRIMARY.instanceId(), "DOWN");
        management().get("/health/ready").then().statusCode(200);
        Await.until(() -> "DOWN".equals(sharedState(PRIMARY.instanceId())), "DOWN for the company");
        Map<String, String> shared = redis.hash(String.class).hgetall("mha:connect-instance:" + PRIMARY.instanceId());
        assertEquals("DOWN", shared.get("state"));
        assertEquals("primary", shared.get("by"));
        assertTrue(Long.parseLong(shared.get("epoch")) > epochBefore, "the transition bumped the epoch");
        management().get("/metrics").then().body(org.hamcrest.Matchers.containsString(
                "mobility_connect_instance_down{instance_id=\"" + PRIMARY.instanceId() + "\",instance_role=\"primary\"} 1.0"));

        given().baseUri(simulator).delete("/admin/instances/" + PRIMARY.instanceId() + "/faults").then().statusCode(200);
        Await.instanceState(PRIMARY.instanceId(), "UP");
        Await.until(() -> "UP".equals(sharedState(PRIMARY.instanceId())), "UP again for the company");
    }

    @Test
    void R7_anInstanceAnotherPodStillReachesIsNotDownForTheCompany() {
        String alice = TestSessions.create(redis, "acme", "alice", "u-alice", PRIMARY);
        String views = "mha:connect-instance-views:" + PRIMARY.instanceId();
        Runnable otherPodAnswered = () -> redis.hash(String.class).hset(views, "secondary/other-pod",
                "UP@" + redisMillis());
        otherPodAnswered.run();
        fault(PRIMARY.instanceId(), "RESET");
        Await.instanceState(PRIMARY.instanceId(), "DOWN");
        double failedBefore = probes("failed");
        Await.until(() -> {
            otherPodAnswered.run();
            return probes("failed") >= failedBefore + 5;
        }, "five more failed probes of this pod");
        assertNotEquals("DOWN", sharedState(PRIMARY.instanceId()),
                "this pod alone sees the instance down while another pod still gets answers");
        assertEquals("ACTIVE", status(alice));
        assertTrue(relogin(alice).isEmpty(), "no RELOGIN");

        redis.hash(String.class).hset(views, "secondary/other-pod", "DOWN@" + redisMillis());
        Await.until(() -> "RELOGIN_REQUIRED".equals(status(alice)), "DOWN once the other pod sees it too");
        Await.until(() -> relogin(alice).isPresent(), "RELOGIN push queued");
    }

    @Test
    void S8_sessionsOfADownInstanceMustSignInAgainAndGetARelogin() {
        String alice = TestSessions.create(redis, "acme", "alice", "u-alice", PRIMARY);
        String bob = TestSessions.create(redis, "acme", "bob", "u-bob", PRIMARY);
        String carol = TestSessions.create(redis, "acme", "carol", "u-carol",
                new InstanceRef("secondary", SECONDARY, "us-west-2"));

        fault(PRIMARY.instanceId(), "RESET");
        Await.instanceState(PRIMARY.instanceId(), "DOWN");

        Await.until(() -> "RELOGIN_REQUIRED".equals(status(bob)), "bob must sign in again");
        assertEquals("RELOGIN_REQUIRED", status(alice));
        assertEquals("RELOGIN_REQUIRED", status(bob));
        assertEquals("ACTIVE", status(carol), "a session on the healthy instance is untouched");
        given().header("Authorization", "Bearer " + alice).get("/api/v1/agent/statuses")
                .then().statusCode(503).body("type", equalTo(PROBLEMS + "connect-instance-unavailable"));

        Await.until(() -> relogin(alice).isPresent() && relogin(bob).isPresent(), "RELOGIN pushes queued");
        List<Map<String, String>> relogins = redis.stream(String.class)
                .xrange("mha:notifications", StreamRange.of("-", "+")).stream()
                .map(StreamMessage::payload)
                .filter(p -> "RELOGIN".equals(p.get("kind")))
                .toList();
        Set<String> notified = relogins.stream().map(p -> p.get("sessionId")).collect(Collectors.toSet());
        assertTrue(notified.contains(sessionId(alice)) && notified.contains(sessionId(bob)), "RELOGIN per session");
        assertTrue(!notified.contains(sessionId(carol)));
        Map<String, String> push = relogins.stream().filter(p -> p.get("sessionId").equals(sessionId(alice)))
                .findFirst().orElseThrow();
        assertEquals("secondary", push.get("instanceRole"), "the push names the instance to sign in to next");
        assertEquals("acme", push.get("companyCode"));
        assertTrue(push.get("message").contains("secondary"));
    }

    @Test
    void B9_aWaveQueuedBatchByBatchGivesEverySessionOneReloginAndOneSlotOfOneWave() {
        List<String> ids = IntStream.range(0, 1_001) // three batches: 500, 500 and 1
                .mapToObj(i -> TestSessions.create(redis, "acme", "wave" + i, "u-wave" + i, PRIMARY))
                .map(this::sessionId).toList();
        Set<String> wave = Set.copyOf(ids);

        fault(PRIMARY.instanceId(), "RESET");
        Await.instanceState(PRIMARY.instanceId(), "DOWN");
        Await.until(() -> relogins(wave).size() == ids.size(), "a RELOGIN for each of the 1,001");

        List<Map<String, String>> queued = relogins(wave);
        assertEquals(ids.size(), queued.stream().map(p -> p.get("sessionId")).distinct().count(), "one each");
        // Each session's slot is its place in the one wave: in queue order they never start earlier, however the
        // batches fell (a wave restarted per batch would give the 501st session the first slot again).
        List<Long> starts = queued.stream().map(p -> Long.parseLong(p.get("signInAfter"))).toList();
        for (int i = 1; i < starts.size(); i++) {
            assertTrue(starts.get(i) >= starts.get(i - 1), "slot " + i + " starts before the one queued before it");
        }
        assertTrue(starts.get(starts.size() - 1) > starts.get(499), "the later batches take the later slots");
    }

    @Test
    void S11_aCallInProgressIsLostWithItsInstanceAndTheAgentIsTold() throws Exception {
        String userId = given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("{\"companyCode\":\"acme\",\"username\":\"agent0007\"}")
                .post("/internal/v1/agent-logins").then().statusCode(200).extract().path("connectUserId");
        String token = TestSessions.create(redis, "acme", "agent0007", userId, PRIMARY);
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body("{\"destination\":\"+14155550199\"}").post("/api/v1/calls").then().statusCode(201);

        fault(PRIMARY.instanceId(), "RESET");
        Await.until(() -> "RELOGIN_REQUIRED".equals(status(token)), "the agent must sign in again");
        JsonNode lost = session(token);
        assertEquals("RELOGIN_REQUIRED", lost.get("status").asText());
        assertTrue(lost.get("callLost").asBoolean(), "the session records the lost call");
        assertTrue(lost.path("call").isMissingNode() || lost.path("call").isNull());
        Await.until(() -> relogin(token).isPresent(), "RELOGIN push queued");
        String message = relogin(token).orElseThrow().get("message");
        assertTrue(message.startsWith("Your call was lost"), message);

        Await.until(() -> newestDown().filter(d -> d.callsLost() == 1).isPresent(), "the failover is journaled");
        FailoverEvent down = newestDown().orElseThrow();
        assertEquals("primary", down.subject());
        assertEquals(1, down.sessions());
        assertEquals(1, down.callsLost());
        assertTrue(down.detectionMillis() > 0, "timed from the instance's last answer: " + down);
        assertEquals(1, down.notificationIds().size(), "the RELOGIN it queued");
    }

    @Test
    void theBreakerCutsOffASickInstanceForEveryOperation() {
        String userId = given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("{\"companyCode\":\"acme\",\"username\":\"alice\"}")
                .post("/internal/v1/agent-logins").then().statusCode(200).extract().path("connectUserId");
        String session = TestSessions.create(redis, "acme", "alice", userId, PRIMARY);
        fault(PRIMARY.instanceId(), "ERROR_500");
        for (int i = 0; i < 6; i++) {
            setStatus(session, "Lunch")
                    .then().statusCode(503).body("type", equalTo(PROBLEMS + "connect-instance-unavailable"));
        }
        Await.until(() -> calls.breakerState(PRIMARY.instanceId()) == CircuitBreakerState.OPEN, "the breaker open");
        double reachedBefore = simulatorCalls("PutUserStatus", "error");
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            setStatus(session, "Lunch").then().statusCode(503);
        }
        // An open breaker lets one trial call through per open delay (1 s here), counted from when it opened,
        // which was before `start` (a busy machine took 1 s between the two in CI): in L seconds at most
        // floor(L) + 1 trials; every call beyond those must have been cut off (without the breaker all five reach it).
        long trials = (System.nanoTime() - start) / 1_000_000_000L + 1;
        double reached = simulatorCalls("PutUserStatus", "error") - reachedBefore;
        assertTrue(reached <= trials, reached + " calls reached the sick instance in " + trials + " open delay(s)");
    }

    @Test
    void throttlingNeverOpensTheBreaker() {
        String userId = given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("{\"companyCode\":\"acme\",\"username\":\"bob\"}")
                .post("/internal/v1/agent-logins").then().statusCode(200).extract().path("connectUserId");
        String session = TestSessions.create(redis, "acme", "bob", userId, PRIMARY);
        given().baseUri(simulator).contentType(ContentType.JSON).body("{\"throttle\":true}")
                .put("/admin/instances/" + PRIMARY.instanceId() + "/faults").then().statusCode(200);
        for (int i = 0; i < 8; i++) {
            setStatus(session, "Lunch").then().statusCode(429).header("Retry-After", equalTo("1"));
        }
        given().baseUri(simulator).delete("/admin/instances/" + PRIMARY.instanceId() + "/faults").then().statusCode(200);
        setStatus(session, "Lunch").then().statusCode(200);
    }

    @Test
    void S8_aFailoverWhosePodDiedOnTheWayIsFinishedByAnotherPod() {
        fault(PRIMARY.instanceId(), "RESET");
        Await.instanceState(PRIMARY.instanceId(), "DOWN");
        String state = RedisKeys.connectInstance(PRIMARY.instanceId());
        Await.until(() -> "DOWN".equals(redis.hash(String.class).hget(state, "state")), "DOWN for the company");
        long ours = Long.parseLong(redis.hash(String.class).hget(state, "epoch"));
        Await.until(() -> "1".equals(redis.hash(String.class).hget(RedisKeys.instanceFailoverDuty(PRIMARY.instanceId(), ours),
                "done")), "this pod did its own failover's duty");
        // Another pod recorded a later transition of the outage and died during its duty: nobody told alice.
        String alice = TestSessions.create(redis, "acme", "alice", "u-alice", PRIMARY);
        long epoch = ours + 1;
        redis.hash(String.class).hset(state, Map.of("epoch", Long.toString(epoch),
                "since", Instant.now().minusSeconds(60).toString(), "by", "secondary"));
        String duty = RedisKeys.instanceFailoverDuty(PRIMARY.instanceId(), epoch);
        redis.hash(String.class).hset(duty, Map.of("owner", "secondary/dead-pod", "leaseUntil", "0", "done", "0"));

        Await.until(() -> "RELOGIN_REQUIRED".equals(status(alice)), "another pod finished the failover");
        Await.until(() -> relogin(alice).isPresent(), "and alice got her RELOGIN");
        Await.until(() -> "1".equals(redis.hash(String.class).hget(duty, "done")), "the duty is done");
        assertTrue(redis.hash(String.class).hget(duty, "owner").startsWith("primary/"), "by this pod");
    }

    private Optional<FailoverEvent> newestDown() {
        return failovers.recent("acme", 10).stream().filter(e -> e.kind() == FailoverEvent.Kind.INSTANCE_DOWN).findFirst();
    }

    private void fault(String instanceId, String mode) {
        given().baseUri(simulator).contentType(ContentType.JSON).body("{\"mode\":\"" + mode + "\"}")
                .put("/admin/instances/" + instanceId + "/faults").then().statusCode(200);
    }

    private String status(String token) {
        return session(token).get("status").asText();
    }

    private String sessionId(String token) {
        return session(token).get("sessionId").asText();
    }

    private JsonNode session(String token) {
        try {
            return new ObjectMapper().readTree(redis.value(String.class).get("mha:session:" + SessionTokens.hash(token)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String sharedState(String instanceId) {
        return redis.hash(String.class).hget("mha:connect-instance:" + instanceId, "state");
    }

    private long epoch(String instanceId) {
        String epoch = redis.hash(String.class).hget("mha:connect-instance:" + instanceId, "epoch");
        return epoch == null ? 0 : Long.parseLong(epoch);
    }

    /** The RELOGIN entries queued for these sessions, in queue order. */
    private List<Map<String, String>> relogins(Set<String> sessionIds) {
        return redis.stream(String.class).xrange("mha:notifications", StreamRange.of("-", "+"))
                .stream().map(StreamMessage::payload)
                .filter(p -> "RELOGIN".equals(p.get("kind")) && sessionIds.contains(p.get("sessionId")))
                .toList();
    }

    private Optional<Map<String, String>> relogin(String token) {
        return relogins(Set.of(sessionId(token))).stream().findFirst();
    }

    private long redisMillis() {
        io.vertx.mutiny.redis.client.Response time = redis.execute("TIME");
        return time.get(0).toLong() * 1000 + time.get(1).toLong() / 1000;
    }

    private double probes(String result) {
        Matcher m = Pattern.compile("mobility_connect_probes_total\\{instance_id=\"" + PRIMARY.instanceId()
                + "\"[^}]*result=\"" + result + "\"[^}]*} ([0-9.E]+)")
                .matcher(management().get("/metrics").asString());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private double simulatorErrors() {
        return ConnectSimulatorResource.requests(simulatorMetrics, PRIMARY.instanceId(), "outcome", "error");
    }

    private double simulatorCalls(String operation, String outcome) {
        String metrics = given().get(simulatorMetrics).asString();
        Matcher m = Pattern.compile("simulator_requests_total\\{[^}]*instance=\"" + PRIMARY.instanceId()
                + "\"[^}]*operation=\"" + operation + "\"[^}]*outcome=\"" + outcome + "\"[^}]*} ([0-9.E]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
