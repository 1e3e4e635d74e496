package com.mobilityha.notifier.fcm;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityha.localstack.identity.DevIdentityProvider;
import com.mobilityha.localstack.push.MockFcmServer;
import com.mobilityha.localstack.quarkustest.AdminRedis;
import com.mobilityha.localstack.quarkustest.RedisServerResource;
import com.mobilityha.localstack.session.TestSessions;
import com.mobilityha.notifier.testing.PushTestSite;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import java.time.Duration;

import static com.mobilityha.localstack.demo.DemoCompany.PRIMARY;
import static com.mobilityha.localstack.quarkustest.ManagementInterface.management;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(PushTestSite.class)
class FcmDeliveryTest {
    @AdminRedis
    RedisDataSource redis;

    @PushTestSite.Inject
    MockFcmServer fcm;

    @PushTestSite.Inject
    DevIdentityProvider idp;

    @Test
    void S13_anAndroidDeviceGetsAHighPriorityDataMessageThroughFcmV1() {
        String session = TestSessions.create(redis, "acme", "hana", "connect-hana", PRIMARY);
        String device = fcm.newDeviceToken();
        register(session, device).statusCode(200).body("platform", equalTo("FCM"));
        String id = notifyUsers("hana", "RELOGIN");
        assertTrue(fcm.awaitDelivery(device, Duration.ofSeconds(10)), "the Android device got the push");
        JsonNode message = fcm.receivedBy(device).get(0).path("message");
        assertEquals("HIGH", message.path("android").path("priority").asText());
        assertEquals("RELOGIN", message.path("data").path("kind").asText());
        assertEquals(id, message.path("data").path("notificationId").asText());
        assertTrue(message.path("android").path("collapse_key").asText().startsWith("relogin-"));
        awaitReport(id, "sent", 1);
        management().get("/health/group/push").then().statusCode(200)
                .body("checks.find { it.name == 'FCM client' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'FCM client' }.data.project", equalTo(MockFcmServer.PROJECT))
                .body("checks.find { it.name == 'APNs client' }.status", equalTo("UP"));
    }

    @Test
    void anUnregisteredAndroidTokenIsPrunedAndATransientFailureRetried() {
        String session = TestSessions.create(redis, "acme", "ivan", "connect-ivan", PRIMARY);
        String gone = fcm.newDeviceToken();
        String flaky = fcm.newDeviceToken();
        register(session, gone).statusCode(200);
        register(session, flaky).statusCode(200);
        fcm.unregister(gone);
        fcm.unavailableOnce(flaky);
        String id = notifyUsers("ivan", "WAKE");
        assertTrue(fcm.awaitDelivery(flaky, Duration.ofSeconds(15)), "503 UNAVAILABLE retried, then delivered");
        awaitReport(id, "pruned", 1);
        assertEquals(1, redis.hash(String.class).hgetall("mha:devices:" + sessionId(session)).size(),
                "the dead token is gone from the registry");
    }

    @Test
    void badAndroidRegistrationsAreProblems() {
        String session = TestSessions.create(redis, "acme", "judy", "connect-judy", PRIMARY);
        given().header("Authorization", "Bearer " + session).contentType(ContentType.JSON)
                .body("{\"platform\":\"FCM\",\"token\":\"short\",\"appId\":\"" + PushTestSite.TOPIC + "\"}")
                .put("/api/v1/devices/current").then().statusCode(400).body("errors[0].field", equalTo("token"));
        given().header("Authorization", "Bearer " + session).contentType(ContentType.JSON)
                .body("{\"platform\":\"FCM\",\"token\":\"" + "f".repeat(40) + "\",\"appId\":\"" + PushTestSite.TOPIC
                        + "\",\"environment\":\"SANDBOX\"}")
                .put("/api/v1/devices/current").then().statusCode(400).body("errors[0].field", equalTo("environment"));
    }

    private ValidatableResponse register(String session, String device) {
        return given().header("Authorization", "Bearer " + session).contentType(ContentType.JSON)
                .body("{\"platform\":\"FCM\",\"token\":\"" + device + "\",\"appId\":\"" + PushTestSite.TOPIC + "\"}")
                .put("/api/v1/devices/current").then();
    }

    private String notifyUsers(String username, String kind) {
        return given().header("Authorization", "Bearer " + idp.adminToken(PushTestSite.ADMIN_ISSUER, "acme"))
                .contentType(ContentType.JSON)
                .body("{\"companyCode\":\"acme\",\"audience\":{\"type\":\"USERS\",\"usernames\":[\"" + username
                        + "\"]},\"kind\":\"" + kind + "\"}")
                .post("/api/v1/admin/notifications").then().statusCode(202).extract().path("notificationId");
    }

    private void awaitReport(String id, String field, int expected) {
        String admin = idp.adminToken(PushTestSite.ADMIN_ISSUER, "acme");
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            int value = given().header("Authorization", "Bearer " + admin).get("/api/v1/admin/notifications/" + id)
                    .then().extract().path(field);
            if (value == expected) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("report " + field + " never reached " + expected);
    }

    private String sessionId(String token) {
        String json = redis.value(String.class).get("mha:session:" + com.mobilityha.common.session.SessionTokens.hash(token));
        return json.replaceAll("(?s).*\"sessionId\":\"([^\"]+)\".*", "$1");
    }
}
