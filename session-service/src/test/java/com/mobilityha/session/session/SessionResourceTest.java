package com.mobilityha.session.session;

import com.mobilityha.common.servicetoken.ServiceTokens;
import com.mobilityha.common.session.SessionTokens;
import com.mobilityha.localstack.http.RawHttp;
import com.mobilityha.localstack.quarkustest.AdminRedis;
import com.mobilityha.localstack.quarkustest.RedisSentinelResource;
import com.mobilityha.localstack.quarkustest.ServiceCaller;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static com.mobilityha.localstack.quarkustest.ManagementInterface.management;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(RedisSentinelResource.class)
class SessionResourceTest {
    private static final String NEW_SESSION = """
            {"companyCode":"acme",
             "user":{"username":"alice","connectUserId":"u-1"},
             "instance":{"role":"primary","instanceId":"i-1","region":"us-east-1"}}""";

    @AdminRedis
    RedisDataSource redis;

    @Test
    void createdSessionIsReadableWithItsTokenAndOnlyTheHashIsStored() {
        String token = given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body(NEW_SESSION)
                .when().post("/internal/v1/sessions")
                .then().statusCode(201)
                .body("session.status", equalTo("ACTIVE"))
                .body("session.site", equalTo("primary"))
                .extract().path("sessionToken");
        assertTrue(token.length() >= 43, "token carries at least 256 bits");

        String sessionId = given().header("Authorization", "Bearer " + token)
                .when().get("/api/v1/session")
                .then().statusCode(200)
                .body("user.username", equalTo("alice"))
                .body("instance.instanceId", equalTo("i-1"))
                .body("companyCode", equalTo("acme"))
                .extract().path("sessionId");

        assertTrue(redis.key().exists("mha:session:" + SessionTokens.hash(token)));
        for (String key : redis.key().keys("*")) {
            assertFalse(key.contains(token), "token must not appear in key " + key);
            String type = redis.key().type(key).name();
            if (type.equals("STRING")) {
                assertFalse(redis.value(String.class).get(key).contains(token), "token stored in " + key);
            }
        }
        assertTrue(redis.set(String.class).smembers("mha:idx:company:acme").contains(sessionId));
        assertTrue(redis.set(String.class).smembers("mha:idx:instance:i-1").contains(sessionId));
        long ttl = redis.key().ttl("mha:session:" + SessionTokens.hash(token));
        assertTrue(ttl > 11 * 3600 && ttl <= 12 * 3600, "session lives 12 h, was " + ttl);
    }

    @Test
    void onlyLoginServiceMakesSessions() {
        given().contentType(ContentType.JSON).body(NEW_SESSION).post("/internal/v1/sessions")
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("https://mobility-ha.example/problems/service-token-required"));
        given().header(ServiceTokens.HEADER, "v1.login-service.session-service.9999999999.forged")
                .contentType(ContentType.JSON).body(NEW_SESSION).post("/internal/v1/sessions")
                .then().statusCode(401);
        given().header(ServiceCaller.as("notifier-service")).contentType(ContentType.JSON).body(NEW_SESSION)
                .post("/internal/v1/sessions").then().statusCode(403).contentType("application/problem+json");
        given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body(NEW_SESSION)
                .post("/internal/v1/sessions").then().statusCode(201);
    }

    @Test
    void missingBearerTokenIsA401Problem() {
        given().when().get("/api/v1/session")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("type", equalTo("https://mobility-ha.example/problems/missing-bearer-token"))
                .body("title", notNullValue())
                .body("status", equalTo(401))
                .body("instance", equalTo("/api/v1/session"));
    }

    @Test
    void unknownOrMalformedTokensAre401Problems() {
        for (String header : new String[] {"Bearer nope", "Basic YWxpY2U6c2VjcmV0", "Bearer ", "Bearer " + "x".repeat(5000)}) {
            given().header("Authorization", header).when().get("/api/v1/session")
                    .then().statusCode(401).contentType("application/problem+json")
                    .body("type", containsString("/problems/"));
        }
    }

    @Test
    void malformedJsonIsA400Problem() {
        given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("{\"companyCode\": ")
                .when().post("/internal/v1/sessions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://mobility-ha.example/problems/malformed-json"));
    }

    @Test
    void invalidFieldsAreListedInA400Problem() {
        given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("{\"companyCode\":\"\",\"user\":{\"username\":\"a\"}}")
                .when().post("/internal/v1/sessions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://mobility-ha.example/problems/invalid-request"))
                .body("errors.field", hasItem("companyCode"))
                .body("errors.field", hasItem("user.connectUserId"))
                .body("errors.field", hasItem("instance"));
        given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("{\"companyCode\":{\"nested\":true}}")
                .when().post("/internal/v1/sessions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("companyCode"));
        given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("[1,2]")
                .when().post("/internal/v1/sessions")
                .then().statusCode(400).contentType("application/problem+json");
        given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON)
                .when().post("/internal/v1/sessions")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void unknownRouteAndWrongMethodAreProblems() {
        given().when().get("/api/v1/nope")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://mobility-ha.example/problems/not-found"));
        given().when().get("/totally/elsewhere")
                .then().statusCode(404).contentType("application/problem+json");
        given().when().put("/api/v1/session")
                .then().statusCode(405).contentType("application/problem+json");
        given().header(ServiceCaller.as("login-service")).contentType(ContentType.TEXT).body("hello").when().post("/internal/v1/sessions")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void oversizedBodyIsA413Problem() {
        given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("{\"companyCode\":\"" + "a".repeat(200_000) + "\"}")
                .when().post("/internal/v1/sessions")
                .then().statusCode(413).contentType("application/problem+json");
    }

    @TestHTTPResource("/internal/v1/sessions")
    URI sessions;

    @Test
    void aChunkedBodyIsReadUpToTheLimitOnly() {
        RawHttp client = RawHttp.from("127.0.0.1", Duration.ofSeconds(10));
        Map<String, String> json = Map.of("Content-Type", "application/json",
                ServiceTokens.HEADER, ServiceCaller.as("login-service").getValue());
        RawHttp.Answer created = client.send("POST", sessions.toString(), json, NEW_SESSION.getBytes(StandardCharsets.UTF_8),
                RawHttp.Framing.CHUNKED);
        assertEquals(201, created.status(), created.body());
        byte[] oversized = ("{\"companyCode\":\"" + "a".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer refused = client.send("POST", sessions.toString(), json, oversized, RawHttp.Framing.CHUNKED);
        assertEquals(413, refused.status(), refused.body());
        assertEquals("application/problem+json", refused.header("Content-Type"));
        given().queryParam("companyCode", "acme").get("/api/v1/servers/active").then().statusCode(200);
    }

    @Test
    void operationalEndpointsAnswerOnTheManagementPortOnly() {
        management().get("/health/ready").then().statusCode(200)
                .body("checks.name", hasItem(containsString("Redis")));
        management().get("/health/live").then().statusCode(200);
        management().get("/health/started").then().statusCode(200);
        given().when().get("/api/v1/session").then().statusCode(401);
        management().get("/metrics").then().statusCode(200).body(containsString("http_server_requests_seconds_bucket"));
        assertEquals(200, management().get("/openapi").statusCode());
    }
}
