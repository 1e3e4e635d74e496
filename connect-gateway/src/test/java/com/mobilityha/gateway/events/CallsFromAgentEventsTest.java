package com.mobilityha.gateway.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.session.SessionTokens;
import com.mobilityha.gateway.testing.Await;
import com.mobilityha.gateway.testing.ConnectSimulatorResource;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.localstack.quarkustest.RedisServerResource;
import com.mobilityha.localstack.quarkustest.ServiceCaller;
import com.mobilityha.localstack.session.TestSessions;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.mobilityha.gateway.testing.AgentRequests.setStatus;
import static com.mobilityha.localstack.demo.DemoCompany.PRIMARY;
import static com.mobilityha.localstack.quarkustest.ManagementInterface.management;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session's call follows Amazon Connect's agent event stream (read from the simulator's Kinesis
 * stream with the AWS SDK): calls the customer ends leave the session, calls the app did not start join it.
 */
@QuarkusTest
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(ConnectSimulatorResource.class)
class CallsFromAgentEventsTest {
    static final String STREAM = "acme-primary-agent-events";

    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "simulator.url")
    String simulator;

    String token;
    String sessionId;

    @BeforeEach
    void agentAvailable() throws Exception {
        given().baseUri(simulator).post("/admin/reset").then().statusCode(200);
        redis.key(String.class).del(RedisKeys.userSessions("acme", "carol")); // earlier tests' sessions of carol
        String userId = given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("{\"companyCode\":\"acme\",\"username\":\"carol\"}")
                .post("/internal/v1/agent-logins").then().statusCode(200).extract().path("connectUserId");
        token = TestSessions.create(redis, "acme", "carol", userId, PRIMARY);
        sessionId = session().get("sessionId").asText();
        setStatus(token, "Available").then().statusCode(200);
    }

    @AfterEach
    void readerFree() {
        redis.key(String.class).del(RedisKeys.agentEventReader(PRIMARY.instanceId()));
    }

    @Test
    void aCallTheCustomerEndsLeavesTheSessionSoTheAgentCallsAgainAndThePhoneIsWoken() throws Exception {
        String contactId = call("+14155550123");
        customer(contactId, "customer-hang-up");

        Await.until(() -> callOnSession() == null, "the ended call left the session");
        // the WAKE is queued just after the session's update: on a busy machine the test reads in between
        Await.until(() -> wakes().contains(sessionId), "the phone is woken to refresh its call state");
        call("+14155550124");
    }

    @Test
    void anInboundCallJoinsTheSessionAndLeavesItWhenItEnds() throws Exception {
        String contactId = given().baseUri(simulator).contentType(ContentType.JSON)
                .body("{\"customerNumber\":\"+14155550125\",\"agent\":\"carol\"}")
                .post("/admin/calls/" + PRIMARY.instanceId()).then().statusCode(201).extract().path("id");
        Await.until(() -> contactId.equals(callOnSession()), "the ringing inbound call joined the session");
        agent().contentType(ContentType.JSON).body("{\"destination\":\"+14155550126\"}").post("/api/v1/calls")
                .then().statusCode(409);

        customer(contactId, "answer");
        customer(contactId, "customer-hang-up");
        Await.until(() -> callOnSession() == null, "the inbound call left the session when the customer hung up");
    }

    @Test
    void aReaderThatWasAwayResumesFromItsCheckpointAndRecordsThatAreNoAgentEventAreSkipped() throws Exception {
        String contactId = call("+14155550127");
        awaitFirstCheckpoint();
        redis.value(String.class).set(RedisKeys.agentEventReader(PRIMARY.instanceId()), "a-pod-that-died");
        Await.sleep(600);

        customer(contactId, "customer-hang-up");
        raw("not json at all", "x");
        raw("{\"EventType\":\"STATE_CHANGE\",\"InstanceARN\":\"arn:aws:connect:us-east-1:1:instance/" + PRIMARY.instanceId() + "\"}", "y");
        raw("{\"EventType\":\"STATE_CHANGE\",\"EventTimestamp\":\"" + Instant.now() + "\","
                + "\"InstanceARN\":\"arn:aws:connect:us-east-1:1:instance/" + PRIMARY.instanceId()
                + "\",\"AgentARN\":\"arn:aws:connect:us-east-1:1:instance/" + PRIMARY.instanceId()
                + "/agent/nobody\",\"CurrentAgentSnapshot\":{\"Configuration\":{\"Username\":\"nobody\"},\"Contacts\":[]}}", "z");
        agent().delete("/api/v1/calls/" + contactId).then().statusCode(204); // Connect had ended it: over all the same
        String second = call("+14155550128");
        customer(second, "customer-hang-up");
        Await.sleep(600);
        assertEquals(second, callOnSession(), "nothing is read while another pod holds the lease");

        redis.key(String.class).del(RedisKeys.agentEventReader(PRIMARY.instanceId()));
        Await.until(() -> callOnSession() == null, "the reader resumed after its checkpoint and applied the hang-up");
        assertTrue(count("malformed") >= 2, "records that are no agent event are counted");
        assertTrue(count("no-session") >= 1, "an event of an agent nobody serves is counted");
        call("+14155550129");
    }

    /**
     * Waits until the reader has applied an event and written its checkpoint. A reader with no checkpoint starts
     * at the newest record, so events put before its first poll are not its to read (a busy machine may poll
     * late): the agent's status is set again each second, each time a new event, until one was read.
     */
    private void awaitFirstCheckpoint() {
        Poll.require(() -> {
            if (redis.value(String.class).get(checkpoint()) != null) {
                return true;
            }
            setStatus(token, "Available");
            Await.sleep(1_000);
            return false;
        }, "a checkpoint was written", Duration.ofSeconds(30));
    }

    private String call(String destination) {
        return agent().contentType(ContentType.JSON).body("{\"destination\":\"" + destination + "\"}")
                .post("/api/v1/calls").then().statusCode(201).extract().path("contactId");
    }

    private void customer(String contactId, String action) {
        given().baseUri(simulator).post("/admin/calls/" + PRIMARY.instanceId() + "/" + contactId + "/" + action)
                .then().statusCode(200);
    }

    private void raw(String body, String partitionKey) {
        given().baseUri(simulator).body(body).queryParam("partitionKey", partitionKey)
                .post("/admin/streams/" + STREAM + "/records").then().statusCode(201);
    }

    private String checkpoint() {
        return RedisKeys.agentEventCheckpoint("arn:aws:kinesis:us-east-1:123456789012:stream/" + STREAM,
                "shardId-000000000000");
    }

    private double count(String outcome) {
        Matcher m = Pattern.compile("mobility_agent_events_total\\{[^}]*outcome=\"" + outcome + "\"[^}]*} ([0-9.]+)")
                .matcher(management().get("/metrics").asString());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private List<String> wakes() {
        return redis.stream(String.class).xrange(RedisKeys.notifications(), StreamRange.of("-", "+")).stream()
                .map(StreamMessage::payload).filter(p -> "WAKE".equals(p.get("kind"))).map(p -> p.get("sessionId")).toList();
    }

    private String callOnSession() {
        try {
            JsonNode call = session().path("call");
            return call.isMissingNode() || call.isNull() ? null : call.path("contactId").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private RequestSpecification agent() {
        return given().header("Authorization", "Bearer " + token);
    }

    private JsonNode session() throws Exception {
        return new ObjectMapper().readTree(redis.value(String.class).get("mha:session:" + SessionTokens.hash(token)));
    }
}
