package com.mobilityha.gateway.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityha.common.session.SessionTokens;
import com.mobilityha.gateway.testing.ConnectSimulatorResource;
import com.mobilityha.localstack.quarkustest.RedisServerResource;
import com.mobilityha.localstack.quarkustest.ServiceCaller;
import com.mobilityha.localstack.session.TestSessions;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.mobilityha.localstack.demo.DemoCompany.PRIMARY;
import static com.mobilityha.localstack.demo.DemoCompany.PROBLEMS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(ConnectSimulatorResource.class)
class CallResourceTest {
    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "simulator.url")
    String simulator;

    String token;

    @BeforeEach
    void agentLoggedIn() {
        given().baseUri(simulator).post("/admin/reset").then().statusCode(200);
        String userId = given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("{\"companyCode\":\"acme\",\"username\":\"carol\"}")
                .post("/internal/v1/agent-logins").then().statusCode(200).extract().path("connectUserId");
        token = TestSessions.create(redis, "acme", "carol", userId, PRIMARY);
    }

    @Test
    void theAgentCallsAndHangsUpAndTheSessionKnowsTheCall() throws Exception {
        String contactId = agent().contentType(ContentType.JSON).body("{\"destination\":\"+14155550123\"}")
                .post("/api/v1/calls")
                .then().statusCode(201).body("contactId", notNullValue()).extract().path("contactId");
        given().baseUri(simulator).get("/admin/instances/" + PRIMARY.instanceId() + "/agents/carol")
                .then().body("activeContacts", hasItem(contactId));
        assertEquals(contactId, session().path("call").path("contactId").asText());

        agent().contentType(ContentType.JSON).body("{\"destination\":\"+14155550124\"}").post("/api/v1/calls")
                .then().statusCode(409).body("type", equalTo(PROBLEMS + "call-in-progress"));

        agent().delete("/api/v1/calls/" + contactId).then().statusCode(204);
        given().baseUri(simulator).get("/admin/instances/" + PRIMARY.instanceId() + "/contacts")
                .then().body("find { it.id == '" + contactId + "' }.state", equalTo("ENDED"));
        assertTrue(session().path("call").isMissingNode() || session().path("call").isNull(), "call cleared");
        agent().delete("/api/v1/calls/" + contactId).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aNumberTheCompanyDeniesIsRefusedBeforeConnectIsAsked() throws Exception {
        agent().contentType(ContentType.JSON).body("{\"destination\":\"+19005550100\"}").post("/api/v1/calls")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "destination-not-allowed"))
                .body("rule.kind", equalTo("denied-prefix")).body("rule.prefix", equalTo("+1900"))
                .body("detail", containsString("+1900"));
        given().baseUri(simulator).get("/admin/instances/" + PRIMARY.instanceId() + "/contacts")
                .then().body("customerNumber", not(hasItem("+19005550100")));
        assertTrue(session().path("call").isMissingNode() || session().path("call").isNull(), "no call on the session");
        agent().contentType(ContentType.JSON).body("{\"destination\":\"+19015550100\"}").post("/api/v1/calls")
                .then().statusCode(201);
    }

    @Test
    void badCallRequestsAreProblems() {
        agent().contentType(ContentType.JSON).body("{\"destination\":\"0800-CALL-ME\"}").post("/api/v1/calls")
                .then().statusCode(400).body("errors[0].field", equalTo("destination"));
        agent().contentType(ContentType.JSON).body("{\"destination\":4155550123}").post("/api/v1/calls")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"destination\":\"+14155550123\"}").post("/api/v1/calls")
                .then().statusCode(401).contentType("application/problem+json");
        agent().delete("/api/v1/calls/" + "x".repeat(300)).then().statusCode(400);
    }

    private RequestSpecification agent() {
        return given().header("Authorization", "Bearer " + token);
    }

    private JsonNode session() throws Exception {
        return new ObjectMapper().readTree(redis.value(String.class).get("mha:session:" + SessionTokens.hash(token)));
    }
}
