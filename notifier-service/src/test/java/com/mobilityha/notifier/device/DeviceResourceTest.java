package com.mobilityha.notifier.device;

import com.mobilityha.localstack.push.MockApnsFixture;
import com.mobilityha.localstack.quarkustest.RedisServerResource;
import com.mobilityha.localstack.session.TestSessions;
import com.mobilityha.notifier.testing.PushTestSite;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static com.mobilityha.localstack.demo.DemoCompany.PRIMARY;
import static com.mobilityha.localstack.demo.DemoCompany.PROBLEMS;
import static com.mobilityha.localstack.quarkustest.ManagementInterface.management;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(PushTestSite.class)
class DeviceResourceTest {
    @Inject
    RedisDataSource redis;

    @PushTestSite.Inject
    MockApnsFixture apns;

    @Test
    void aSessionRegistersItsDevicesWithoutTheTokenBeingEchoed() {
        String session = TestSessions.create(redis, "acme", "alice", "c-alice", PRIMARY);
        String device = apns.newDeviceToken();
        given().header("Authorization", "Bearer " + session).contentType(ContentType.JSON)
                .body("{\"platform\":\"APNS\",\"token\":\"" + device + "\",\"appId\":\"com.mobilityha.test\"}")
                .put("/api/v1/devices/current")
                .then().statusCode(200).body("platform", equalTo("APNS")).body("environment", equalTo("PRODUCTION"))
                .body(not(containsString(device)));
        given().header("Authorization", "Bearer " + session).contentType(ContentType.JSON)
                .body("{\"platform\":\"APNS\",\"token\":\"" + apns.newDeviceToken() + "\",\"appId\":\"com.mobilityha.test\"}")
                .put("/api/v1/devices/current").then().statusCode(200);
        long devices = redis.key().keys("mha:devices:*").stream().mapToLong(k -> redis.hash(String.class).hlen(k)).sum();
        assertEquals(2, devices, "both devices of the session are registered");

        given().header("Authorization", "Bearer " + session).delete("/api/v1/devices/current").then().statusCode(204);
        assertEquals(0, redis.key().keys("mha:devices:*").size());
    }

    @Test
    void registrationNeedsASession() {
        given().contentType(ContentType.JSON).body("{\"platform\":\"APNS\",\"token\":\"ab\",\"appId\":\"x\"}")
                .put("/api/v1/devices/current")
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "missing-bearer-token"));
        given().header("Authorization", "Bearer forged").contentType(ContentType.JSON)
                .body("{\"platform\":\"APNS\",\"token\":\"ab\",\"appId\":\"x\"}")
                .put("/api/v1/devices/current")
                .then().statusCode(401).body("type", equalTo(PROBLEMS + "invalid-session-token"));
    }

    @Test
    void invalidRegistrationsAreProblems() {
        String session = TestSessions.create(redis, "acme", "bob", "c-bob", PRIMARY);
        given().header("Authorization", "Bearer " + session).contentType(ContentType.JSON)
                .body("{\"platform\":\"APNS\",\"token\":\"not-hex\",\"appId\":\"../etc\"}")
                .put("/api/v1/devices/current")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("token")).body("errors.field", hasItem("appId"));
        given().header("Authorization", "Bearer " + session).contentType(ContentType.JSON)
                .body("{\"platform\":\"WINDOWS_PHONE\",\"token\":\"ab\",\"appId\":\"x\"}")
                .put("/api/v1/devices/current")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + session).contentType(ContentType.JSON)
                .body("{\"platform\":\"APNS\",\"token\":\"" + apns.newDeviceToken()
                        + "\",\"appId\":\"com.mobilityha.test\",\"environment\":\"STAGING\"}")
                .put("/api/v1/devices/current")
                .then().statusCode(400).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + session).contentType(ContentType.JSON).body("{\"platform\":")
                .put("/api/v1/devices/current")
                .then().statusCode(400).body("type", equalTo(PROBLEMS + "malformed-json"));
    }

    @Test
    void operationalEndpointsAnswerOnTheManagementPortOnly() {
        management().get("/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("APNs client")).body("checks.name", hasItem(containsString("Redis")));
        management().get("/health/live").then().statusCode(200);
        management().get("/health/started").then().statusCode(200);
        management().get("/metrics").then().statusCode(200);
        management().get("/openapi").then().statusCode(200).body(containsString("/api/v1/admin/notifications"));
    }
}
