package com.mobilityha.gateway.offline;

import com.mobilityha.common.agent.OfflineDuties;
import com.mobilityha.common.agent.OfflineDuty;
import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.gateway.testing.Await;
import com.mobilityha.gateway.testing.ConnectSimulatorResource;
import com.mobilityha.localstack.demo.DemoCompany;
import com.mobilityha.localstack.quarkustest.RedisServerResource;
import com.mobilityha.localstack.quarkustest.ServiceCaller;
import com.mobilityha.localstack.session.TestSessions;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.mobilityha.localstack.demo.DemoCompany.PRIMARY;
import static com.mobilityha.localstack.quarkustest.ManagementInterface.management;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agents' offline duties that session-service queues when a logout could not set the agent Offline, carried
 * out by the gateway on the simulated Connect instance: Offline once, unless the agent logged in again meanwhile;
 * retried while Connect throttles; set aside when Connect can never do it.
 */
@QuarkusTest
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(ConnectSimulatorResource.class)
class OfflineDutiesTest {
    /** Agents no other test of the module signs in: a live session of theirs left by another test would fence a duty. */
    private static final String ALICE = DemoCompany.generatedAgent(901);
    private static final String BOB = DemoCompany.generatedAgent(902);
    private static final String CAROL = DemoCompany.generatedAgent(903);

    @Inject
    RedisDataSource redis;

    @Inject
    OfflineDuties duties;

    @ConfigProperty(name = "simulator.url")
    String simulator;

    @BeforeEach
    void gatewayWarmAndSimulatorReset() {
        Await.started();
        given().baseUri(simulator).post("/admin/reset").then().statusCode(org.hamcrest.Matchers.lessThan(300));
    }

    @AfterEach
    void connectAnswersAgain() {
        given().baseUri(simulator).delete(faults()).then().statusCode(org.hamcrest.Matchers.lessThan(300));
    }

    @Test
    void aQueuedDutySetsTheLoggedOutAgentOffline() {
        String userId = loginOnSimulator(ALICE);
        OfflineDuty duty = new OfflineDuty("s-alice-1", "acme", ALICE, userId, PRIMARY, Instant.now());

        duties.queue(duty);

        Await.until(() -> "Offline".equals(statusOnSimulator(ALICE)), "alice Offline on Connect");
        Await.until(() -> !pending(duty), "the duty no longer pending");
    }

    @Test
    void anAgentWhoLoggedInAgainBeforeTheDutyRanIsNotSetOffline() {
        String userId = loginOnSimulator(BOB);
        TestSessions.create(redis, "acme", BOB, userId, PRIMARY); // the re-login's live session
        OfflineDuty earlierLogout = new OfflineDuty("s-bob-earlier", "acme", BOB, userId, PRIMARY, Instant.now());
        double supersededBefore = count("superseded");

        duties.queue(earlierLogout);

        Await.until(() -> !pending(earlierLogout), "the duty settled");
        assertEquals(supersededBefore + 1, count("superseded"), "settled as superseded by the new login");
        assertEquals("Available", statusOnSimulator(BOB), "bob stays routable on his new session");
    }

    @Test
    void aDutyIsRetriedWhileConnectThrottlesAndDoneOnceItAnswers() {
        String userId = loginOnSimulator(CAROL);
        OfflineDuty duty = new OfflineDuty("s-carol-1", "acme", CAROL, userId, PRIMARY, Instant.now());
        double retriesBefore = count("retry");
        given().baseUri(simulator).contentType(ContentType.JSON).body(Map.of("throttle", true)).put(faults())
                .then().statusCode(org.hamcrest.Matchers.lessThan(300));

        duties.queue(duty);

        Await.until(() -> count("retry") > retriesBefore, "a throttled attempt left for a retry");
        assertEquals("Available", statusOnSimulator(CAROL));
        assertTrue(pending(duty), "still pending for the console");
        given().baseUri(simulator).delete(faults()).then().statusCode(org.hamcrest.Matchers.lessThan(300));
        Await.until(() -> "Offline".equals(statusOnSimulator(CAROL)), "carol Offline once Connect answers");
        Await.until(() -> !pending(duty), "the duty no longer pending");
    }

    @Test
    void aDutyConnectCanNeverCarryOutIsDeadLetteredNotRetried() {
        OfflineDuty unknownUser = new OfflineDuty("s-ghost-1", "acme", "ghost", "no-such-connect-user", PRIMARY,
                Instant.now());
        long deadBefore = deadLetters();
        double retriesBefore = count("retry");

        duties.queue(unknownUser);

        Await.until(() -> deadLetters() == deadBefore + 1, "the duty dead-lettered");
        assertTrue(!pending(unknownUser), "and no longer pending");
        assertEquals(retriesBefore, count("retry"), "a Connect user that does not exist is not retried");
    }

    private String loginOnSimulator(String username) {
        String userId = given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON)
                .body("{\"companyCode\":\"acme\",\"username\":\"" + username + "\"}")
                .post("/internal/v1/agent-logins").then().statusCode(200).extract().path("connectUserId");
        assertEquals("Available", statusOnSimulator(username));
        return userId;
    }

    private String statusOnSimulator(String username) {
        return given().baseUri(simulator).get("/admin/instances/" + PRIMARY.instanceId() + "/agents/" + username)
                .then().statusCode(200).extract().path("status");
    }

    private String faults() {
        return "/admin/instances/" + PRIMARY.instanceId() + "/faults";
    }

    private boolean pending(OfflineDuty duty) {
        return redis.set(String.class).sismember(RedisKeys.pendingAgentOfflineDuties(duty.companyCode()), duty.sessionId());
    }

    private long deadLetters() {
        return redis.stream(String.class, String.class, String.class).xlen(RedisKeys.agentOfflineDutyDeadLetters());
    }

    private static double count(String outcome) {
        Matcher m = Pattern.compile("mobility_agent_offline_duties_total\\{[^}]*outcome=\"" + outcome + "\"[^}]*} ([0-9.]+)")
                .matcher(management().get("/metrics").asString());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
