package com.mobilityha.notifier.stream;

import com.mobilityha.common.notification.Notification;
import com.mobilityha.common.notification.NotificationPublisher;
import com.mobilityha.common.notification.PushKind;
import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.session.SessionTokens;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.localstack.push.MockApnsFixture;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static com.mobilityha.localstack.quarkustest.ManagementInterface.management;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The notification stream does not grow with every push: once the notifier has delivered and acknowledged
 * them, the entries are trimmed from Redis, and the stream's length and dead letters are exported for the
 * alerts ({@code mobility_stream_length}, {@code mobility_stream_dead_letters}).
 */
@QuarkusTest
@TestProfile(NotificationStreamTrimTest.TrimmedOften.class)
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(PushTestSite.class)
class NotificationStreamTrimTest {
    private static final String STREAM_LABEL = "{stream=\"" + RedisKeys.notifications() + "\"}";

    /** Trimmed every 200 ms instead of 30 s. */
    public static class TrimmedOften implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("notifier.stream.trim-every", "200ms");
        }
    }

    @Inject
    RedisDataSource redis;

    @Inject
    NotificationPublisher publisher;

    @Inject
    DeviceRegistry devices;

    @PushTestSite.Inject
    MockApnsFixture apns;

    @Test
    void deliveredNotificationsAreTrimmedFromTheStream() {
        String withPhone = SessionTokens.newId();
        String iphone = apns.newDeviceToken();
        devices.register(withPhone, Device.Platform.APNS, iphone, PushTestSite.TOPIC, Device.ApnsEnvironment.PRODUCTION,
                Instant.now().plus(Duration.ofHours(1)));
        List<String> sessions = new ArrayList<>(IntStream.range(0, 300).mapToObj(i -> SessionTokens.newId()).toList());
        sessions.add(withPhone);

        publisher.publish(Notification.of(PushKind.WAKE, "acme", sessions, "test"));

        assertTrue(apns.awaitDelivery(iphone, Duration.ofSeconds(10)), "delivered");
        await(() -> redis.stream(String.class).xlen(RedisKeys.notifications()) == 0,
                "the 301 delivered entries trimmed from the stream");
        assertEquals(0.0, metric("mobility_stream_length"));
    }

    @Test
    void unreadableEntriesAreCountedAsDeadLetters() {
        double before = metric("mobility_stream_dead_letters");
        for (int i = 0; i < 3; i++) {
            redis.stream(String.class).xadd(RedisKeys.notifications(), Map.of("kind", "FROM_A_NEWER_VERSION"));
        }

        await(() -> metric("mobility_stream_dead_letters") == before + 3, "the three entries are dead letters");
        await(() -> redis.stream(String.class).xlen(RedisKeys.notifications()) == 0, "and trimmed from the stream");
    }

    private static double metric(String name) {
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(name + STREAM_LABEL) + " (\\S+)$")
                .matcher(management().get("/metrics").asString());
        assertTrue(value.find(), name + STREAM_LABEL + " is exported");
        return Double.parseDouble(value.group(1));
    }

    private static void await(BooleanSupplier condition, String what) {
        Poll.require(condition, what, Duration.ofSeconds(15));
    }
}
