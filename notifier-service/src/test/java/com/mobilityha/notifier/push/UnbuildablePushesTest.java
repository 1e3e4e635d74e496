package com.mobilityha.notifier.push;

import com.mobilityha.common.notification.DeliveryReport;
import com.mobilityha.common.notification.Notification;
import com.mobilityha.common.notification.NotificationPublisher;
import com.mobilityha.common.notification.NotificationReports;
import com.mobilityha.common.notification.PushKind;
import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.session.SessionTokens;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.localstack.push.MockApnsFixture;
import com.mobilityha.localstack.push.MockFcmServer;
import com.mobilityha.localstack.quarkustest.RedisServerResource;
import com.mobilityha.notifier.device.Device;
import com.mobilityha.notifier.device.DeviceRegistry;
import com.mobilityha.notifier.testing.PushTestSite;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged device registrations hold up nothing. A push whose request cannot even be built (here: a
 * registration without its token, on which Pushy's notification and the FCM message both throw) fails for
 * good and gives its send slot back: more of them than a sender has slots do not stop the pushes after
 * them. A registration that is not even readable is skipped: the session's other devices get the push,
 * and so do the sessions whose pushes were read in the same batch, and the session can still register.
 */
@QuarkusTest
@TestProfile(UnbuildablePushesTest.TwoSendsInFlight.class)
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(PushTestSite.class)
class UnbuildablePushesTest {
    private static final int SLOTS = 2;

    /** Each sender has {@value #SLOTS} sends in flight at most. */
    public static class TwoSendsInFlight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("notifier.apns.max-concurrent-sends", String.valueOf(SLOTS),
                    "notifier.fcm.max-concurrent-sends", String.valueOf(SLOTS));
        }
    }

    @Inject
    RedisDataSource redis;

    @Inject
    NotificationPublisher publisher;

    @Inject
    NotificationReports reports;

    @Inject
    DeviceRegistry devices;

    @PushTestSite.Inject
    MockApnsFixture apns;

    @PushTestSite.Inject
    MockFcmServer fcm;

    @Test
    void pushesThatCannotBeBuiltFailForGoodAndLaterPushesStillGoOut() {
        String damaged = SessionTokens.newId();
        int unbuildable = SLOTS + 1;
        for (int i = 0; i < unbuildable; i++) {
            registrationWithoutToken(damaged, Device.Platform.APNS, i);
            registrationWithoutToken(damaged, Device.Platform.FCM, i);
        }
        String failing = publisher.publish(Notification.of(PushKind.WAKE, "acme", List.of(damaged), "test"));
        DeliveryReport report = awaitSettled(failing, 2L * unbuildable);
        assertEquals(0, report.sent());
        assertEquals(2L * unbuildable, report.failed(), "every unbuildable push is reported failed, none left pending");

        String healthy = SessionTokens.newId();
        String iphone = apns.newDeviceToken();
        String android = fcm.newDeviceToken();
        Instant expiresAt = Instant.now().plus(Duration.ofHours(1));
        devices.register(healthy, Device.Platform.APNS, iphone, PushTestSite.TOPIC, Device.ApnsEnvironment.PRODUCTION,
                expiresAt);
        devices.register(healthy, Device.Platform.FCM, android, PushTestSite.TOPIC, null, expiresAt);
        publisher.publish(Notification.of(PushKind.WAKE, "acme", List.of(healthy), "test"));

        assertTrue(apns.awaitDelivery(iphone, Duration.ofSeconds(10)), "the iPhone still gets its push");
        assertTrue(fcm.awaitDelivery(android, Duration.ofSeconds(10)), "the Android phone still gets its push");
    }

    @Test
    void anUnreadableRegistrationIsSkippedAndTheSessionsOtherDeviceAndLaterPushesGetThrough() {
        String session = SessionTokens.newId();
        String iphone = apns.newDeviceToken();
        Instant expiresAt = Instant.now().plus(Duration.ofHours(1));
        devices.register(session, Device.Platform.APNS, iphone, PushTestSite.TOPIC, Device.ApnsEnvironment.PRODUCTION,
                expiresAt);
        redis.hash(String.class).hset(RedisKeys.devices(session), "APNS:garbled", "{not json");

        String notification = publisher.publish(Notification.of(PushKind.WAKE, "acme", List.of(session), "test"));
        assertTrue(apns.awaitDelivery(iphone, Duration.ofSeconds(10)), "the session's readable device gets its push");
        assertEquals(1, awaitSettled(notification, 1).sent(), "the notification is settled, not claimed again and again");

        for (int i = 0; i < DeviceRegistry.MAX_DEVICES_PER_SESSION; i++) {
            devices.register(session, Device.Platform.APNS, apns.newDeviceToken(), PushTestSite.TOPIC,
                    Device.ApnsEnvironment.PRODUCTION, expiresAt);
        }
        assertEquals(DeviceRegistry.MAX_DEVICES_PER_SESSION, redis.hash(String.class).hlen(RedisKeys.devices(session)),
                "registrations past the cap still work, the unreadable one going first");
    }

    /** A stored registration that lost its token (as a damaged or hand-edited record would be). */
    private void registrationWithoutToken(String sessionId, Device.Platform platform, int index) {
        redis.hash(String.class).hset(RedisKeys.devices(sessionId), platform + ":damaged-" + index,
                "{\"platform\":\"" + platform + "\",\"appId\":\"" + PushTestSite.TOPIC + "\",\"registeredAt\":"
                        + System.currentTimeMillis() + "}");
    }

    private DeliveryReport awaitSettled(String notificationId, long devicesTargeted) {
        Poll.until(() -> reports.find(notificationId).orElseThrow().targeted() >= devicesTargeted, Duration.ofSeconds(15));
        DeliveryReport report = reports.find(notificationId).orElseThrow();
        assertEquals(devicesTargeted, report.targeted(), "the notification's pushes were all settled");
        return report;
    }
}
