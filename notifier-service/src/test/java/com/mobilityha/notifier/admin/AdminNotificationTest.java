package com.mobilityha.notifier.admin;

import com.eatthepath.pushy.apns.ApnsPushNotification;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushType;
import com.mobilityha.common.notification.Notification;
import com.mobilityha.common.notification.NotificationPublisher;
import com.mobilityha.common.notification.PushKind;
import com.mobilityha.common.ops.AuditEntry;
import com.mobilityha.common.ops.AuditLog;
import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.localstack.identity.DevIdentityProvider;
import com.mobilityha.localstack.push.MockApnsFixture;
import com.mobilityha.localstack.quarkustest.AdminRedis;
import com.mobilityha.localstack.quarkustest.RedisServerResource;
import com.mobilityha.localstack.session.TestSessions;
import com.mobilityha.notifier.testing.PushTestSite;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.mobilityha.localstack.demo.DemoCompany.PRIMARY;
import static com.mobilityha.localstack.demo.DemoCompany.PROBLEMS;
import static com.mobilityha.localstack.demo.DemoCompany.SECONDARY;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(PushTestSite.class)
class AdminNotificationTest {
    @Inject
    AuditLog audit;

    @AdminRedis
    RedisDataSource redis;

    @Inject
    NotificationPublisher publisher;

    @PushTestSite.Inject
    MockApnsFixture apns;

    @PushTestSite.Inject
    DevIdentityProvider idp;

    @PushTestSite.Inject
    PushTestSite.SandboxApns sandbox;

    @BeforeEach
    void forgetSessionsOfOtherTests() {
        List<String> keys = redis.key().keys("mha:*").stream()
                .filter(k -> k.startsWith("mha:session") || k.startsWith("mha:idx:") || k.startsWith("mha:devices:"))
                .toList();
        if (!keys.isEmpty()) {
            redis.key().del(keys.toArray(String[]::new));
        }
    }

    @Test
    void S13_messageToTheCompanyReachesEveryDeviceThroughApns() {
        String iphone = registeredDevice("alice");
        String ipad = registeredDevice("alice");
        String bobs = registeredDevice("bob");

        String id = send(admin("acme"), "{\"companyCode\":\"ACME\",\"audience\":{\"type\":\"COMPANY\"},"
                + "\"kind\":\"MESSAGE\",\"message\":\"Team meeting at 3 pm\"}")
                .statusCode(202).body("notificationId", notNullValue()).extract().path("notificationId");

        for (String device : List.of(iphone, ipad, bobs)) {
            assertTrue(apns.awaitDelivery(device, Duration.ofSeconds(10)), "device received the push");
        }
        ApnsPushNotification push = apns.receivedBy(iphone).get(0);
        assertEquals(PushTestSite.TOPIC, push.getTopic());
        assertEquals("message-" + id, push.getCollapseId());
        assertTrue(push.getPayload().contains("\"kind\":\"MESSAGE\""), push.getPayload());
        assertTrue(push.getPayload().contains("Team meeting at 3 pm"));
        awaitReport(id, 3);
        given().header("Authorization", "Bearer " + admin("acme")).get("/api/v1/admin/notifications/" + id)
                .then().body("origin", equalTo("admin@acme")).body("message", equalTo("Team meeting at 3 pm"));

        AuditEntry sent = audit.recent("acme", 1).get(0);
        assertEquals("admin@acme", sent.who());
        assertEquals("NOTIFICATION_SENT", sent.action());
        assertEquals("MESSAGE to the whole company (3 sessions): \"Team meeting at 3 pm\"", sent.what());
        assertEquals(id, sent.ref());
    }

    @Test
    void aSilentWakeIsABackgroundPushThatShowsNothing() {
        String device = registeredDevice("carol");
        String sessionId = redis.set(String.class).smembers(RedisKeys.userSessions("acme", "carol")).iterator().next();
        publisher.publish(Notification.of(PushKind.WAKE, "acme", List.of(sessionId), "agent event: call ended").silently());

        assertTrue(apns.awaitDelivery(device, Duration.ofSeconds(10)), "device received the push");
        ApnsPushNotification push = apns.receivedBy(device).get(0);
        assertEquals(PushType.BACKGROUND, push.getPushType());
        assertEquals(DeliveryPriority.CONSERVE_POWER, push.getPriority(), "Apple requires priority 5 for background pushes");
        assertTrue(push.getPayload().contains("\"content-available\":1"), push.getPayload());
        assertTrue(!push.getPayload().contains("\"alert\"") && !push.getPayload().contains("\"sound\""), push.getPayload());
        assertTrue(push.getPayload().contains("\"kind\":\"WAKE\""), push.getPayload());
    }

    @Test
    void anEntryThisNotifierCannotReadIsSetAsideAloneAndTheOthersAreDelivered() {
        String bobs = registeredDevice("bob");
        redis.stream(String.class).xadd(RedisKeys.notifications(), Map.of("notificationId", "n-from-the-future",
                "sessionId", "s-1", "kind", "TELEPORT", "companyCode", "acme", "collapseId", "teleport-1"));

        String id = send(admin("acme"), "{\"companyCode\":\"acme\",\"audience\":{\"type\":\"USERS\","
                + "\"usernames\":[\"bob\"]},\"kind\":\"WAKE\"}").statusCode(202).extract().path("notificationId");

        assertTrue(apns.awaitDelivery(bobs, Duration.ofSeconds(10)));
        awaitReport(id, 1);
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline && deadLetters("n-from-the-future") == 0) {
            pause();
        }
        assertEquals(1, deadLetters("n-from-the-future"), "the unreadable entry is a dead letter, once");
    }

    private long deadLetters(String notificationId) {
        return redis.stream(String.class).xrange(RedisKeys.notificationDeadLetters(), StreamRange.of("-", "+")).stream()
                .filter(m -> notificationId.equals(m.payload().get("notificationId"))).count();
    }

    @Test
    void developmentBuildsAreReachedThroughTheApnsSandbox() {
        String appStoreBuild = registeredDevice("heidi");
        String developmentBuild = sandbox.server().newDeviceToken();
        given().header("Authorization", "Bearer " + TestSessions.create(redis, "acme", "ivan", "connect-ivan", PRIMARY))
                .contentType(ContentType.JSON).body("{\"platform\":\"APNS\",\"token\":\"" + developmentBuild
                        + "\",\"appId\":\"" + PushTestSite.TOPIC + "\",\"environment\":\"SANDBOX\"}")
                .put("/api/v1/devices/current").then().statusCode(200).body("environment", equalTo("SANDBOX"));

        String id = send(admin("acme"), "{\"companyCode\":\"acme\",\"audience\":{\"type\":\"USERS\","
                + "\"usernames\":[\"heidi\",\"ivan\"]},\"kind\":\"WAKE\"}").statusCode(202).extract().path("notificationId");

        assertTrue(sandbox.server().awaitDelivery(developmentBuild, Duration.ofSeconds(10)), "sent through the sandbox");
        assertTrue(apns.awaitDelivery(appStoreBuild, Duration.ofSeconds(10)), "sent through production");
        awaitReport(id, 2);
        assertTrue(apns.receivedBy(developmentBuild).isEmpty(), "production never saw the sandbox token");
    }

    @Test
    void S13_usersAudienceReachesOnlyThem() {
        String carols = registeredDevice("carol");
        String daves = registeredDevice("dave");
        String id = send(admin("acme"), "{\"companyCode\":\"acme\",\"audience\":{\"type\":\"USERS\","
                + "\"usernames\":[\"carol\"]},\"kind\":\"RELOGIN\"}").statusCode(202).extract().path("notificationId");
        assertTrue(apns.awaitDelivery(carols, Duration.ofSeconds(10)));
        awaitReport(id, 1);
        assertTrue(apns.receivedBy(daves).stream().noneMatch(n -> n.getPayload().contains(id)), "dave not targeted");
    }

    @Test
    void S13_instanceAudienceReachesOnlyTheUsersOfThatInstance() {
        String onPrimary = registeredDevice("frank");
        String onSecondary = apns.newDeviceToken();
        register(TestSessions.create(redis, "acme", "grace", "connect-grace",
                SECONDARY), onSecondary)
                .statusCode(200);
        String id = send(admin("acme"), "{\"companyCode\":\"acme\",\"audience\":{\"type\":\"INSTANCE\","
                + "\"instanceRole\":\"secondary\"},\"kind\":\"MESSAGE\",\"message\":\"Secondary maintenance at 18:00\"}")
                .statusCode(202).extract().path("notificationId");
        assertTrue(apns.awaitDelivery(onSecondary, Duration.ofSeconds(10)));
        awaitReport(id, 1);
        assertTrue(apns.receivedBy(onPrimary).stream().noneMatch(n -> n.getPayload().contains(id)),
                "the primary instance's users are not targeted");
        send(admin("acme"), "{\"companyCode\":\"acme\",\"audience\":{\"type\":\"INSTANCE\"},\"kind\":\"WAKE\"}")
                .statusCode(400).body("errors[0].field", equalTo("audience.instanceRole"));
    }

    @Test
    void deadTokensArePrunedAndCounted() {
        String token = TestSessions.create(redis, "acme", "erin", "connect-erin", PRIMARY);
        String dead = apns.newDeviceToken();
        register(token, dead).statusCode(200);
        apns.unregister(dead);
        String id = send(admin("acme"), "{\"companyCode\":\"acme\",\"audience\":{\"type\":\"USERS\","
                + "\"usernames\":[\"erin\"]},\"kind\":\"WAKE\"}").statusCode(202).extract().path("notificationId");
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline && counter(id, "pruned") < 1) {
            pause();
        }
        report(id).body("pruned", equalTo(1)).body("sent", equalTo(0));
        assertEquals(0, redis.key().keys("mha:devices:*").stream()
                .filter(k -> redis.hash(String.class).hgetall(k).keySet().stream().anyMatch(f -> f.contains(dead)))
                .count(), "the dead token is gone from Redis");
    }

    @Test
    void onlyAdministratorsOfTheCompanyMaySend() {
        String body = "{\"companyCode\":\"acme\",\"audience\":{\"type\":\"COMPANY\"},\"kind\":\"WAKE\"}";
        given().contentType(ContentType.JSON).body(body).post("/api/v1/admin/notifications")
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "missing-bearer-token"));
        given().contentType(ContentType.JSON).body(body).header("Authorization", "Bearer not-a-jwt")
                .post("/api/v1/admin/notifications")
                .then().statusCode(401).contentType("application/problem+json");
        send(admin("globex"), body).statusCode(403).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "forbidden"));
        send(idp.token(PushTestSite.ADMIN_ISSUER, "agent", "mobility-ha", Map.of("company", "acme",
                "groups", List.of("agents"))), body).statusCode(403).contentType("application/problem+json");
    }

    @Test
    void anAdministratorProbingCompanyCodesGetsOneAndTheSame403ForUnknownAndForeignCompanies() {
        String admin = admin("globex");
        String unknown = send(admin, "{\"companyCode\":\"nope\",\"audience\":{\"type\":\"COMPANY\"},\"kind\":\"WAKE\"}")
                .statusCode(403).contentType("application/problem+json").body("type", equalTo(PROBLEMS + "forbidden"))
                .extract().asString();
        String foreign = send(admin, "{\"companyCode\":\"acme\",\"audience\":{\"type\":\"COMPANY\"},\"kind\":\"WAKE\"}")
                .statusCode(403).extract().asString();
        assertEquals(foreign, unknown, "an unknown company looks exactly like another company");
    }

    @Test
    void badRequestsGetTheirProblem() {
        String admin = admin("acme");
        send(admin, "{\"companyCode\":").statusCode(400).body("type", equalTo(PROBLEMS + "malformed-json"));
        send(admin, "{\"companyCode\":\"acme\",\"audience\":{\"type\":\"EVERYONE\"},\"kind\":\"WAKE\"}")
                .statusCode(400).contentType("application/problem+json");
        send(admin, "{\"companyCode\":\"acme\",\"audience\":{\"type\":\"USERS\"},\"kind\":\"MESSAGE\"}")
                .statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItems("audience.usernames", "message"));
        given().header("Authorization", "Bearer " + admin).get("/api/v1/admin/notifications/unknown")
                .then().statusCode(404).contentType("application/problem+json");
    }

    private String registeredDevice(String username) {
        String token = TestSessions.create(redis, "acme", username, "connect-" + username, PRIMARY);
        String device = apns.newDeviceToken();
        register(token, device).statusCode(200);
        return device;
    }

    private ValidatableResponse register(String sessionToken, String device) {
        return given().header("Authorization", "Bearer " + sessionToken).contentType(ContentType.JSON)
                .body("{\"platform\":\"APNS\",\"token\":\"" + device + "\",\"appId\":\"" + PushTestSite.TOPIC + "\"}")
                .put("/api/v1/devices/current").then();
    }

    private String admin(String company) {
        return idp.adminToken(PushTestSite.ADMIN_ISSUER, company);
    }

    private ValidatableResponse send(String adminToken, String body) {
        return given().header("Authorization", "Bearer " + adminToken).contentType(ContentType.JSON).body(body)
                .post("/api/v1/admin/notifications").then();
    }

    private ValidatableResponse report(String id) {
        return given().header("Authorization", "Bearer " + admin("acme")).get("/api/v1/admin/notifications/" + id)
                .then().statusCode(200);
    }

    private void awaitReport(String id, int sent) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline && counter(id, "sent") < sent) {
            pause();
        }
        report(id).body("targeted", equalTo(sent)).body("sent", equalTo(sent)).body("failed", equalTo(0));
    }

    private long counter(String id, String name) {
        Number value = report(id).extract().path(name);
        return value.longValue();
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
