package com.mobilityha.login.login;

import com.mobilityha.localstack.http.RawHttp;
import com.mobilityha.localstack.quarkustest.RedisServerResource;
import com.mobilityha.login.testing.LoginTestSite;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static com.mobilityha.localstack.demo.DemoCompany.PROBLEMS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(LoginTestSite.class)
class LoginResourceTest {
    @Test
    void S14_aDirectoryLoginAnswersTheNewSessionWithItsServerTiming() {
        given().contentType(ContentType.JSON)
                .body("{\"companyCode\":\"acme\",\"username\":\"alice\",\"password\":\"alice-pw\"}")
                .when().post("/api/v1/logins")
                .then().statusCode(201)
                .body("sessionToken", notNullValue())
                .body("session.status", equalTo("ACTIVE"))
                .body("session.instance.role", equalTo("primary"))
                .header("Server-Timing", containsString("idp;dur="))
                .header("Server-Timing", containsString("connect;dur="))
                .header("Server-Timing", containsString("total;dur="));
    }

    @Test
    void wrongPasswordIsA401Problem() {
        given().contentType(ContentType.JSON)
                .body("{\"companyCode\":\"acme\",\"username\":\"alice\",\"password\":\"guess\"}")
                .when().post("/api/v1/logins")
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "invalid-credentials"));
        given().contentType(ContentType.JSON)
                .body("{\"companyCode\":\"acme\",\"username\":\"nobody\",\"password\":\"x\"}")
                .when().post("/api/v1/logins")
                .then().statusCode(401).body("type", equalTo(PROBLEMS + "invalid-credentials"));
    }

    @Test
    void gatewayProblemsReachTheAppUnchanged() {
        given().contentType(ContentType.JSON)
                .body("{\"companyCode\":\"acme\",\"username\":\"mallory\",\"password\":\"mallory-pw\"}")
                .when().post("/api/v1/logins")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "connect-user-not-found"))
                .body("instance", equalTo("/api/v1/logins"));
        given().contentType(ContentType.JSON)
                .body("{\"companyCode\":\"acme\",\"username\":\"dora\",\"password\":\"dora-pw\"}")
                .when().post("/api/v1/logins")
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "connect-instance-unavailable"))
                .body("connectInstance.role", equalTo("primary"));
    }

    @Test
    void unknownCompanyIsA404Problem() {
        given().contentType(ContentType.JSON)
                .body("{\"companyCode\":\"nope\",\"username\":\"alice\",\"password\":\"alice-pw\"}")
                .when().post("/api/v1/logins")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "unknown-company"));
    }

    @Test
    void unreachableDirectoryIsA503ProblemNotA500() {
        given().contentType(ContentType.JSON)
                .body("{\"companyCode\":\"initech\",\"username\":\"alice\",\"password\":\"pw\"}")
                .when().post("/api/v1/logins")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo(PROBLEMS + "dependency-unavailable"));
    }

    @Test
    void ssoCompanyCannotUseThePasswordLogin() {
        given().contentType(ContentType.JSON)
                .body("{\"companyCode\":\"globex\",\"username\":\"alice\",\"password\":\"pw\"}")
                .when().post("/api/v1/logins")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "login-method-not-available"));
    }

    @Test
    void passwordGuessingIsThrottledPerUser() {
        for (int attempt = 1; attempt <= 5; attempt++) {
            given().contentType(ContentType.JSON)
                    .body("{\"companyCode\":\"acme\",\"username\":\"rita\",\"password\":\"guess-" + attempt + "\"}")
                    .post("/api/v1/logins").then().statusCode(401);
        }
        given().contentType(ContentType.JSON)
                .body("{\"companyCode\":\"ACME\",\"username\":\"Rita\",\"password\":\"guess-6\"}")
                .post("/api/v1/logins")
                .then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo(PROBLEMS + "throttled"));
        given().contentType(ContentType.JSON)
                .body("{\"companyCode\":\"acme\",\"username\":\"alice\",\"password\":\"alice-pw\"}")
                .post("/api/v1/logins").then().statusCode(201); // another user is not held back
    }

    @Test
    void aUserWithTheRightPasswordIsNeverHeldBackForRetryingALoginThatFailedAfterIt() {
        // mallory's password is right; the gateway answers 404 (no Connect user) as it would a 429 in a RELOGIN wave
        for (int attempt = 1; attempt <= 7; attempt++) {
            given().contentType(ContentType.JSON)
                    .body("{\"companyCode\":\"acme\",\"username\":\"mallory\",\"password\":\"mallory-pw\"}")
                    .post("/api/v1/logins").then().statusCode(404);
        }
        given().contentType(ContentType.JSON)
                .body("{\"companyCode\":\"acme\",\"username\":\"mallory\",\"password\":\"guess\"}")
                .post("/api/v1/logins").then().statusCode(401); // guesses still count, from the first
    }

    @Test
    void aFloodFromOneAddressIsThrottled() {
        for (int attempt = 1; attempt <= 200; attempt++) {
            given().header("X-Forwarded-For", "203.0.113.9").contentType(ContentType.JSON)
                    .body("{\"companyCode\":\"../\"}").post("/api/v1/logins").then().statusCode(400);
        }
        given().header("X-Forwarded-For", "203.0.113.9").contentType(ContentType.JSON)
                .body("{\"companyCode\":\"acme\",\"username\":\"alice\",\"password\":\"alice-pw\"}")
                .post("/api/v1/logins")
                .then().statusCode(429).header("Retry-After", notNullValue())
                .body("type", equalTo(PROBLEMS + "throttled"));
        given().header("X-Forwarded-For", "203.0.113.10").contentType(ContentType.JSON)
                .body("{\"companyCode\":\"acme\",\"username\":\"alice\",\"password\":\"alice-pw\"}")
                .post("/api/v1/logins").then().statusCode(201);
    }

    @TestHTTPResource("/api/v1/logins")
    URI logins;

    @Test
    void aPeerThatIsNotTheIngressIsCountedByItsOwnAddressWhateverItForwards() {
        RawHttp untrustedPeer = RawHttp.from("127.0.0.2", Duration.ofSeconds(10));
        byte[] bad = "{\"companyCode\":\"../\"}".getBytes(StandardCharsets.UTF_8);
        for (int attempt = 1; attempt <= 200; attempt++) {
            RawHttp.Answer answer = untrustedPeer.send("POST", logins.toString(), Map.of("Content-Type", "application/json",
                    "X-Forwarded-For", "198.51.100." + attempt), bad, RawHttp.Framing.CONTENT_LENGTH);
            assertEquals(400, answer.status(), "attempt " + attempt + ": " + answer.body());
        }
        RawHttp.Answer refused = untrustedPeer.send("POST", logins.toString(), Map.of("Content-Type", "application/json",
                "X-Forwarded-For", "198.51.100.201"), bad, RawHttp.Framing.CONTENT_LENGTH);
        assertEquals(429, refused.status(), refused.body());
        assertTrue(refused.body().contains(PROBLEMS + "throttled"), refused.body());
        given().header("X-Forwarded-For", "203.0.113.77").contentType(ContentType.JSON).body("{\"companyCode\":\"../\"}")
                .post("/api/v1/logins").then().statusCode(400); // the ingress (loopback) forwarding another client
    }

    @Test
    void aChunkedBodyOverTheLimitIsA413ProblemUnread() {
        for (int size : new int[] {2 * 1024 * 1024, 65 * 1024}) {
            RawHttp.Answer answer = RawHttp.from("127.0.0.1", Duration.ofSeconds(10)).send("POST", logins.toString(),
                    Map.of("Content-Type", "application/json"), jsonOfSize(size), RawHttp.Framing.CHUNKED);
            assertEquals(413, answer.status(), size + " bytes: " + answer.body());
            assertEquals("application/problem+json", answer.header("Content-Type"));
            assertTrue(answer.body().contains(PROBLEMS + "payload-too-large"), answer.body());
        }
        RawHttp.Answer small = RawHttp.from("127.0.0.1", Duration.ofSeconds(10)).send("POST", logins.toString(),
                Map.of("Content-Type", "application/json"),
                "{\"companyCode\":\"acme\",\"username\":\"alice\",\"password\":\"alice-pw\"}".getBytes(StandardCharsets.UTF_8),
                RawHttp.Framing.CHUNKED);
        assertEquals(201, small.status(), small.body());
    }

    /** A login whose password alone makes the body {@code size} bytes: valid JSON, read and parsed if let in. */
    private static byte[] jsonOfSize(int size) {
        String head = "{\"companyCode\":\"acme\",\"username\":\"alice\",\"password\":\"";
        return (head + "x".repeat(size - head.length() - 2) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void badInputGetsItsProblem() {
        given().contentType(ContentType.JSON).body("{\"companyCode\":\"acme\",\"username\":")
                .when().post("/api/v1/logins")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "malformed-json"));
        given().contentType(ContentType.JSON).body("{\"companyCode\":\"acme\"}")
                .when().post("/api/v1/logins")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "invalid-request"))
                .body("errors.field", hasItems("username", "password"));
        given().contentType(ContentType.JSON).body("{\"companyCode\":\"../../etc\"}")
                .when().post("/api/v1/logins")
                .then().statusCode(400).body("errors.field", hasItem("companyCode"));
        given().contentType(ContentType.JSON).body("{\"companyCode\":[1],\"username\":true}")
                .when().post("/api/v1/logins")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("null")
                .when().post("/api/v1/logins")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body("{\"companyCode\":\"acme\",\"username\":\"alice\",\"password\":\"x\",\"phoneNumber\":\"07700 900123\"}")
                .when().post("/api/v1/logins")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("phoneNumber"));
    }
}
