package com.mobilityha.session.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityha.localstack.quarkustest.RedisSentinelResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * B3 in the console's API: an administrator reads the company's traffic distribution and shifts it through
 * connect-gateway (with their own access token and the action's Idempotency-Key); the gateway's problems reach
 * them as they are, bad bodies and other companies are problems that reach no gateway.
 */
@QuarkusTest
@QuarkusTestResource(RedisSentinelResource.class)
@QuarkusTestResource(value = GatewayTrafficStandIn.class, restrictToAnnotatedClass = true)
class TrafficShiftConsoleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRAFFIC = "/admin/api/companies/acme/traffic-distribution";

    @TestHTTPResource("/")
    URI site;

    @BeforeEach
    void noCallYet() {
        GatewayTrafficStandIn.CALLS.clear();
    }

    @Test
    void anAdministratorReadsTheDistributionAndShiftsItWithTheirTokenAndTheActionsKey() throws IOException {
        ConsoleBrowserSession admin = ConsoleBrowserSession.signIn(site, ConsoleSignInResource.ADMIN,
                ConsoleSignInResource.PASSWORD);

        HttpResponse<String> read = admin.get(TRAFFIC);
        assertEquals(200, read.statusCode(), read.body());
        assertEquals(JSON.readTree(GatewayTrafficStandIn.DISTRIBUTION), JSON.readTree(read.body()));

        HttpResponse<String> shifted = admin.post(TRAFFIC + "/shifts", "{\"region\":\"us-west-2\",\"inWaves\":true}",
                "Idempotency-Key", "key-1");
        assertEquals(202, shifted.statusCode(), shifted.body());
        assertEquals("s-1", JSON.readTree(shifted.body()).path("shiftId").asText());
        String call = GatewayTrafficStandIn.CALLS.get(1);
        assertTrue(call.startsWith("POST /api/v1/admin/traffic-distributions/acme/shifts Bearer "), call);
        assertTrue(call.endsWith(" key-1 {\"region\":\"us-west-2\",\"inWaves\":true}"), call);
    }

    @Test
    void aShiftConnectRefusesAndBadInputAreProblemsNeverA5xx() throws IOException {
        ConsoleBrowserSession admin = ConsoleBrowserSession.signIn(site, ConsoleSignInResource.ADMIN,
                ConsoleSignInResource.PASSWORD);

        JsonNode refused = problem(400, admin.post(TRAFFIC + "/shifts", "{\"region\":\"campaigns\"}", "Idempotency-Key", "k"));
        assertTrue(refused.path("detail").asText().contains("Amazon Connect refused UpdateTrafficDistribution"), refused.toString());
        problem(400, admin.post(TRAFFIC + "/shifts", "[\"us-west-2\"]"));
        problem(400, admin.post(TRAFFIC + "/shifts", "{\"region\":"));
        problem(403, admin.post("/admin/api/companies/globex/traffic-distribution/shifts", "{\"region\":\"us-west-2\"}"));
        problem(403, admin.get("/admin/api/companies/globex/traffic-distribution"));
        assertEquals(1, GatewayTrafficStandIn.CALLS.size(), "only the well-formed request of acme reached the gateway");

        ConsoleBrowserSession agent = ConsoleBrowserSession.signIn(site, ConsoleSignInResource.NO_ROLE,
                ConsoleSignInResource.PASSWORD);
        problem(403, agent.get(TRAFFIC));
        given().get(TRAFFIC).then().statusCode(401).contentType("application/problem+json");
    }

    private static JsonNode problem(int status, HttpResponse<String> answer) throws IOException {
        assertEquals(status, answer.statusCode(), answer.body());
        assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""), answer.body());
        return JSON.readTree(answer.body());
    }
}
