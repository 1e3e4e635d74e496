package com.mobilityha.simulator.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads the simulated agent event stream with the AWS SDK's KinesisClient, as connect-gateway does. */
@QuarkusTest
class AgentEventStreamTest {
    static final String PRIMARY = "a1b2c3d4-0000-4000-8000-000000000001";
    static final String STREAM = "acme-primary-agent-events";
    static final ObjectMapper JSON = new ObjectMapper();

    static {
        System.setProperty("aws.cborEnabled", "false"); // the documented switch: JSON 1.1 instead of CBOR
    }

    @TestHTTPResource("/")
    URI base;

    KinesisClient kinesis;
    String iterator;

    @BeforeEach
    void readFromNow() {
        given().post("/admin/reset").then().statusCode(200);
        kinesis = KinesisClient.builder().endpointOverride(base).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIASIMULATOR", "simulator-secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        String shard = kinesis.listShards(r -> r.streamName(STREAM)).shards().get(0).shardId();
        iterator = kinesis.getShardIterator(r -> r.streamName(STREAM).shardId(shard)
                .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
    }

    @AfterEach
    void close() {
        kinesis.close();
    }

    @Test
    void anInboundCallRingsTheAvailableAgentAndEachStepIsAnAgentSnapshotInTheStream() throws Exception {
        setStatus("alice", "Available");
        String contactId = given().contentType(ContentType.JSON).body("{\"customerNumber\":\"+14155550123\",\"agent\":\"alice\"}")
                .post("/admin/calls/" + PRIMARY).then().statusCode(201).extract().path("id");
        given().post("/admin/calls/" + PRIMARY + "/" + contactId + "/answer").then().statusCode(200);
        given().post("/admin/calls/" + PRIMARY + "/" + contactId + "/customer-hang-up").then().statusCode(200);

        List<JsonNode> events = read(4);
        JsonNode available = events.get(0);
        assertEquals("STATE_CHANGE", available.get("EventType").asText());
        assertEquals("2019-05-25", available.get("Version").asText());
        assertTrue(available.get("AgentARN").asText().startsWith("arn:aws:connect:us-east-1:123456789012:instance/" + PRIMARY + "/agent/"));
        assertEquals("Available", available.at("/CurrentAgentSnapshot/AgentStatus/Name").asText());
        assertEquals("ROUTABLE", available.at("/CurrentAgentSnapshot/AgentStatus/Type").asText());
        assertEquals("alice", available.at("/CurrentAgentSnapshot/Configuration/Username").asText());
        assertEquals(List.of("CONNECTING", "CONNECTED", "ENDED"), events.subList(1, 4).stream()
                .map(e -> e.at("/CurrentAgentSnapshot/Contacts/0/State").asText()).toList(), "rings, answered, hung up");
        JsonNode ringing = events.get(1).at("/CurrentAgentSnapshot/Contacts/0");
        assertEquals(contactId, ringing.get("ContactId").asText());
        assertEquals("INBOUND", ringing.get("InitiationMethod").asText());
        assertEquals("VOICE", ringing.get("Channel").asText());
        assertEquals(0, events.get(1).at("/PreviousAgentSnapshot/Contacts").size());
        assertEquals("CONNECTED", events.get(3).at("/PreviousAgentSnapshot/Contacts/0/State").asText());
        given().get("/admin/instances/" + PRIMARY + "/agents/alice").then().statusCode(200)
                .body("activeContacts", org.hamcrest.Matchers.empty());
    }

    @Test
    void aTransferEndsTheContactForOneAgentAndOffersANewOneToTheOther() throws Exception {
        setStatus("alice", "Available");
        setStatus("bob", "Available");
        String first = given().contentType(ContentType.JSON).body("{\"customerNumber\":\"+14155550124\",\"agent\":\"alice\"}")
                .post("/admin/calls/" + PRIMARY).then().statusCode(201).extract().path("id");
        given().post("/admin/calls/" + PRIMARY + "/" + first + "/answer").then().statusCode(200);
        String second = given().contentType(ContentType.JSON).body("{\"agent\":\"bob\"}")
                .post("/admin/calls/" + PRIMARY + "/" + first + "/transfer").then().statusCode(200)
                .body("initiationMethod", org.hamcrest.Matchers.equalTo("TRANSFER"))
                .body("previousContactId", org.hamcrest.Matchers.equalTo(first)).extract().path("id");
        given().post("/admin/calls/" + PRIMARY + "/" + second + "/miss").then().statusCode(200);

        List<JsonNode> events = read(7);
        assertEquals("ENDED", events.get(4).at("/CurrentAgentSnapshot/Contacts/0/State").asText(), "alice's part ends");
        assertEquals("alice", events.get(4).at("/CurrentAgentSnapshot/Configuration/Username").asText());
        JsonNode offered = events.get(5).at("/CurrentAgentSnapshot/Contacts/0");
        assertEquals("bob", events.get(5).at("/CurrentAgentSnapshot/Configuration/Username").asText());
        assertEquals(second, offered.get("ContactId").asText());
        assertEquals(first, offered.get("InitialContactId").asText());
        assertEquals("MISSED", events.get(6).at("/CurrentAgentSnapshot/Contacts/0/State").asText());
        given().contentType(ContentType.JSON).body("{\"customerNumber\":\"+14155550125\",\"agent\":\"carol\"}")
                .post("/admin/calls/" + PRIMARY).then().statusCode(400)
                .header("x-amzn-ErrorType", "InvalidRequestException"); // carol is Offline
    }

    @Test
    void aReaderResumesAfterItsCheckpointAndTheShardsReadQuotaIsKinesiss() throws Exception {
        setStatus("alice", "Available");
        setStatus("alice", "Lunch");
        List<Record> records = kinesis.getRecords(r -> r.shardIterator(iterator)).records();
        assertEquals(2, records.size());
        String checkpoint = records.get(0).sequenceNumber();
        String resumed = kinesis.getShardIterator(r -> r.streamName(STREAM).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).startingSequenceNumber(checkpoint)).shardIterator();
        List<Record> again = kinesis.getRecords(r -> r.shardIterator(resumed)).records();
        assertEquals(List.of(records.get(1).sequenceNumber()), again.stream().map(Record::sequenceNumber).toList());
        assertTrue(new java.math.BigInteger(records.get(1).sequenceNumber()).compareTo(new java.math.BigInteger(checkpoint)) > 0);

        assertThrows(InvalidArgumentException.class, () -> kinesis.getRecords(r -> r.shardIterator("not-an-iterator")));
        assertThrows(ProvisionedThroughputExceededException.class, () -> {
            for (int i = 0; i < 10; i++) {
                kinesis.getRecords(r -> r.shardIterator(resumed));
            }
        }, "5 GetRecords per second per shard");

        close();
        readFromNow(); // the admin reset starts the shard with a full read quota, as it does Connect's quotas
        for (int i = 0; i < 5; i++) {
            iterator = kinesis.getRecords(r -> r.shardIterator(iterator)).nextShardIterator();
        }
    }

    private List<JsonNode> read(int expected) throws IOException, InterruptedException {
        List<JsonNode> events = new ArrayList<>();
        for (int attempt = 0; attempt < 20 && events.size() < expected; attempt++) {
            GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(iterator));
            for (Record record : page.records()) {
                events.add(JSON.readTree(record.data().asByteArray()));
            }
            iterator = page.nextShardIterator();
            if (events.size() < expected) {
                Thread.sleep(250);
            }
        }
        assertEquals(expected, events.size(), "events in the stream");
        return events;
    }

    private void setStatus(String username, String statusName) {
        software.amazon.awssdk.services.connect.ConnectClient connect = software.amazon.awssdk.services.connect.ConnectClient
                .builder().endpointOverride(base).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIASIMULATOR", "simulator-secret")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        try (connect) {
            String userId = connect.searchUsers(r -> r.instanceId(PRIMARY).searchCriteria(c -> c.stringCondition(
                    s -> s.fieldName("Username").value(username).comparisonType("EXACT")))).users().get(0).id();
            String statusId = connect.listAgentStatuses(r -> r.instanceId(PRIMARY)).agentStatusSummaryList().stream()
                    .filter(s -> s.name().equals(statusName)).findFirst().orElseThrow().id();
            connect.putUserStatus(r -> r.instanceId(PRIMARY).userId(userId).agentStatusId(statusId));
        }
    }
}
