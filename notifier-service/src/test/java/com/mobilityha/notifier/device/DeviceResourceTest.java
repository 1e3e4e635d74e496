package com.mobilityha.notifier.device;

import com.mobilityha.common.session.SessionAuthenticator;
import com.mobilityha.localstack.push.MockApnsFixture;
import com.mobilityha.localstack.quarkustest.AdminRedis;
import com.mobilityha.localstack.quarkustest.RedisServerResource;
import com.mobilityha.localstack.session.TestSessions;
import com.mobilityha.notifier.testing.PushTestSite;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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
    @AdminRedis
    RedisDataSource redis;

    @Inject
    SessionAuthenticator sessions;

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
    void aSessionKeepsItsNewestDevicesTheOldestGoesAndRegisteringAgainRefreshes() throws InterruptedException {
        String session = TestSessions.create(redis, "acme", "carol", "c-carol", PRIMARY);
        List<String> registered = new ArrayList<>();
        for (int i = 0; i <= DeviceRegistry.MAX_DEVICES_PER_SESSION; i++) {
            registered.add(registeredDevice(session));
        }
        assertEquals(Set.copyOf(registered.subList(1, registered.size())), devicesOf(session),
                "the sixth device unregistered the first");

        register(session, registered.get(1), PushTestSite.TOPIC).statusCode(200);
        Thread.sleep(2);
        assertEquals(Set.copyOf(registered.subList(1, registered.size())), devicesOf(session),
                "registering a device again refreshes it: nothing goes");
        String seventh = registeredDevice(session);
        Set<String> expected = new HashSet<>(registered.subList(3, registered.size()));
        expected.addAll(Set.of(registered.get(1), seventh));
        assertEquals(expected, devicesOf(session), "the refreshed device is newer than the third, which goes");

        given().header("Authorization", "Bearer " + session).delete("/api/v1/devices/current").then().statusCode(204);
    }

    @Test
    void onlyAppsTheCompanyAllowsMayRegister() {
        String session = TestSessions.create(redis, "acme", "dave", "c-dave", PRIMARY);
        register(session, apns.newDeviceToken(), "com.attacker.pushes")
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "invalid-request"))
                .body("errors.field", equalTo(List.of("appId")))
                .body("errors[0].message", containsString("is not an app of company acme"));
        assertEquals(Set.of(), devicesOf(session), "nothing registered");
        register(session, apns.newDeviceToken(), PushTestSite.TOPIC).statusCode(200);
        given().header("Authorization", "Bearer " + session).delete("/api/v1/devices/current").then().statusCode(204);
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

    /** Registers a new device; registration times are milliseconds, so the next one comes a tick later. */
    private String registeredDevice(String session) throws InterruptedException {
        String device = apns.newDeviceToken();
        register(session, device, PushTestSite.TOPIC).statusCode(200);
        Thread.sleep(2);
        return device;
    }

    private ValidatableResponse register(String session, String device, String appId) {
        return given().header("Authorization", "Bearer " + session).contentType(ContentType.JSON)
                .body("{\"platform\":\"APNS\",\"token\":\"" + device + "\",\"appId\":\"" + appId + "\"}")
                .put("/api/v1/devices/current").then();
    }

    /** The device tokens registered for the session of this token. */
    private Set<String> devicesOf(String session) {
        String key = DeviceRegistry.key(sessions.authenticate("Bearer " + session).sessionId());
        return redis.hash(String.class).hkeys(key).stream().map(field -> field.substring("APNS:".length()))
                .collect(Collectors.toSet());
    }
}
