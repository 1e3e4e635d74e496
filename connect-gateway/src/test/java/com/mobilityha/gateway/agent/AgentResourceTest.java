package com.mobilityha.gateway.agent;

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

import java.util.List;

import static com.mobilityha.localstack.demo.DemoCompany.PRIMARY;
import static com.mobilityha.localstack.demo.DemoCompany.PROBLEMS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(ConnectSimulatorResource.class)
class AgentResourceTest {
    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "simulator.url")
    String simulator;

    @BeforeEach
    void resetSimulator() {
        given().baseUri(simulator).post("/admin/reset").then().statusCode(org.hamcrest.Matchers.lessThan(300));
    }

    @Test
    void loginFindsTheConnectUserAndMakesThemAvailableOnThePrimaryInstance() {
        String userId = given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("{\"companyCode\":\"ACME\",\"username\":\"alice\"}")
                .when().post("/internal/v1/agent-logins")
                .then().statusCode(200)
                .body("instance.role", equalTo("primary"))
                .body("instance.instanceId", equalTo(PRIMARY.instanceId()))
                .body("status", equalTo("Available"))
                .body("connectUserId", notNullValue())
                .extract().path("connectUserId");
        agentOnSimulator("alice").body("status", equalTo("Available")).body("userId", equalTo(userId));
    }

    @Test
    void theAgentsPhoneIsConfiguredAtLoginAsTheCompanySays() {
        given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("{\"companyCode\":\"acme\",\"username\":\"bob\"}")
                .post("/internal/v1/agent-logins").then().statusCode(200);
        agentOnSimulator("bob").body("phoneType", equalTo("SOFT_PHONE"));

        given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON)
                .body("{\"companyCode\":\"solo\",\"username\":\"alice\",\"phoneNumber\":\"+447700900123\"}")
                .post("/internal/v1/agent-logins").then().statusCode(200);
        given().baseUri(simulator).get("/admin/instances/" + ConnectSimulatorResource.SOLO_INSTANCE + "/agents/alice")
                .then().body("phoneType", equalTo("DESK_PHONE")).body("deskPhoneNumber", equalTo("+447700900123"));

        given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON)
                .body("{\"companyCode\":\"solo\",\"username\":\"alice\",\"phoneNumber\":\"call me maybe\"}")
                .post("/internal/v1/agent-logins").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("phoneNumber"));
    }

    @Test
    void aDeskPhoneNumberObeysTheCompanysDialingRules() {
        given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON)
                .body("{\"companyCode\":\"solo\",\"username\":\"alice\",\"phoneNumber\":\"+449095550100\"}")
                .post("/internal/v1/agent-logins").then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "destination-not-allowed"))
                .body("rule.kind", equalTo("denied-prefix")).body("rule.prefix", equalTo("+44909"));
        given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON)
                .body("{\"companyCode\":\"solo\",\"username\":\"alice\",\"phoneNumber\":\"+14155550100\"}")
                .post("/internal/v1/agent-logins").then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "destination-not-allowed"))
                .body("rule.kind", equalTo("allowed-prefixes")).body("rule.prefixes", equalTo(List.of("+44")));
        given().baseUri(simulator).get("/admin/instances/" + ConnectSimulatorResource.SOLO_INSTANCE + "/agents/alice")
                .then().body("deskPhoneNumber", not(equalTo("+449095550100")))
                .body("deskPhoneNumber", not(equalTo("+14155550100")));
        given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON)
                .body("{\"companyCode\":\"solo\",\"username\":\"alice\",\"phoneNumber\":\"+447700900124\"}")
                .post("/internal/v1/agent-logins").then().statusCode(200);
        given().baseUri(simulator).get("/admin/instances/" + ConnectSimulatorResource.SOLO_INSTANCE + "/agents/alice")
                .then().body("deskPhoneNumber", equalTo("+447700900124"));
    }

    @Test
    void unknownConnectUserOrCompanyAreProblems() {
        given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("{\"companyCode\":\"acme\",\"username\":\"mallory\"}")
                .when().post("/internal/v1/agent-logins")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "connect-user-not-found"));
        given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("{\"companyCode\":\"nope\",\"username\":\"alice\"}")
                .when().post("/internal/v1/agent-logins")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "unknown-company"));
        given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("{\"companyCode\":\"acme\"}")
                .when().post("/internal/v1/agent-logins")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("username"));
    }

    @Test
    void agentSetsAndListsStatusesOnTheInstanceOfTheirSession() {
        String userId = loginOnSimulator("bob");
        RequestSpecification bob = given().header("Authorization", "Bearer "
                + TestSessions.create(redis, "acme", "bob", userId, PRIMARY));

        bob.when().get("/api/v1/agent/statuses")
                .then().statusCode(200).body("name", hasItems("Available", "Offline", "Lunch"));
        given().spec(bob).contentType(ContentType.JSON).body("{\"status\":\"lunch\"}")
                .when().put("/api/v1/agent/status")
                .then().statusCode(200).body("name", equalTo("Lunch"));
        agentOnSimulator("bob").body("status", equalTo("Lunch"));

        given().spec(bob).contentType(ContentType.JSON).body("{\"status\":\"Sleeping\"}")
                .when().put("/api/v1/agent/status")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "unknown-agent-status"));
        given().spec(bob).contentType(ContentType.JSON).body("{\"status\":42}")
                .when().put("/api/v1/agent/status")
                .then().statusCode(400).contentType("application/problem+json");
        agentOnSimulator("bob").body("status", equalTo("Lunch"));
    }

    @Test
    void statusChangesNeedASession() {
        given().contentType(ContentType.JSON).body("{\"status\":\"Lunch\"}")
                .when().put("/api/v1/agent/status")
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "missing-bearer-token"));
        given().header("Authorization", "Bearer not-a-session")
                .when().get("/api/v1/agent/statuses")
                .then().statusCode(401).body("type", equalTo(PROBLEMS + "invalid-session-token"));
    }

    @Test
    void failingOnlyInstanceIsA503ProblemNamingIt() {
        for (String mode : new String[] {"ERROR_500", "RESET", "HANG"}) {
            fault(ConnectSimulatorResource.SOLO_INSTANCE, "{\"mode\":\"" + mode + "\"}");
            given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("{\"companyCode\":\"solo\",\"username\":\"alice\"}")
                    .when().post("/internal/v1/agent-logins")
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("type", equalTo(PROBLEMS + "connect-instance-unavailable"))
                    .body("connectInstance.role", equalTo("primary"))
                    .body("connectInstance.instanceId", equalTo(ConnectSimulatorResource.SOLO_INSTANCE));
        }
    }

    @Test
    void throttlingIsA429ProblemWithRetryAfter() {
        fault(PRIMARY.instanceId(), "{\"mode\":\"HEALTHY\",\"throttle\":true}");
        given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("{\"companyCode\":\"acme\",\"username\":\"carol\"}")
                .when().post("/internal/v1/agent-logins")
                .then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo(PROBLEMS + "throttled"));
    }

    private String loginOnSimulator(String username) {
        return given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("{\"companyCode\":\"acme\",\"username\":\"" + username + "\"}")
                .post("/internal/v1/agent-logins").then().statusCode(200).extract().path("connectUserId");
    }

    private io.restassured.response.ValidatableResponse agentOnSimulator(String username) {
        return given().baseUri(simulator).get("/admin/instances/" + PRIMARY.instanceId() + "/agents/" + username)
                .then().statusCode(200);
    }

    private void fault(String instanceId, String body) {
        given().baseUri(simulator).contentType(ContentType.JSON).body(body)
                .put("/admin/instances/" + instanceId + "/faults")
                .then().statusCode(org.hamcrest.Matchers.lessThan(300));
    }
}
