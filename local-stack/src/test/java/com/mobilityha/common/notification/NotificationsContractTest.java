package com.mobilityha.common.notification;

import com.mobilityha.common.redis.ReplicaAcks;
import com.mobilityha.localstack.redis.RedisClient;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Notifications as every service publishes them, notifier-service delivers them and the admin API
 * and console report on them, on a real redis-server: the stream entry ({@code mha:notifications}),
 * the delivery report ({@code mha:notification:<id>}) and the company's recent notifications
 * ({@code mha:notifications:recent:<company>}).
 */
class NotificationsContractTest {
    @RegisterExtension
    static final RedisClient client = new RedisClient();
    private static RedisDataSource redis;
    private static NotificationReports reports;
    private static NotificationPublisher publisher;

    @BeforeAll
    static void redis() {
        redis = client.dataSource();
        reports = new NotificationReports(redis);
        publisher = new NotificationPublisher(new ReplicaAcks(redis, 0, Duration.ZERO), reports);
    }

    @BeforeEach
    void empty() {
        redis.flushall();
    }

    @Test
    void eachTargetSessionGetsOneStreamEntryWithTheFieldsNotifierReads() {
        String id = publisher.publish(Notification.of(PushKind.RELOGIN, "acme", List.of("s-1", "s-2"),
                "failover: primary instance DOWN").saying("Sign in again").aboutInstance("secondary"));

        List<StreamMessage<String, String, String>> entries = entries();
        assertEquals(2, entries.size());
        assertEquals(Map.of("notificationId", id, "sessionId", "s-1", "kind", "RELOGIN", "companyCode", "acme",
                "collapseId", "relogin-" + id, "message", "Sign in again", "instanceRole", "secondary"),
                entries.get(0).payload(), "the fields every service writes");
        assertEquals("s-2", entries.get(1).payload().get("sessionId"));
        assertEquals(new Push(id, "s-1", PushKind.RELOGIN, "acme", "secondary", "Sign in again", "relogin-" + id, null, false),
                Push.fromFields(entries.get(0).payload()), "notifier-service reads what was written");
    }

    @Test
    void aReloginWaveGivesEachAppItsOwnSlotSoTheWavesSignInsArriveEvenlyAcrossItsNotifications() {
        // a wave of 30 agents over 90.4 s, of which this notification carries slots 20..22: one slot every 3.01 s
        publisher.publish(Notification.of(PushKind.RELOGIN, "acme", List.of("s-1", "s-2", "s-3"),
                "failover: primary instance DOWN").aboutInstance("secondary")
                .signingInIn(new SignInSlots(Duration.ofMillis(90_400), 20, 30)));

        List<Map<String, String>> slots = entries().stream().map(StreamMessage::payload).toList();
        assertEquals(List.of("60", "63", "66"), slots.stream().map(e -> e.get("signInAfter")).toList(),
                "whole seconds after the push, in slot order");
        assertEquals(List.of("4", "4", "4"), slots.stream().map(e -> e.get("signInWithin")).toList(),
                "each slot's width, rounded up");
        Push.SignInSlot slot = Push.fromFields(slots.get(1)).signInSlot();
        assertEquals(4L, slot.withinSeconds());
        assertEquals(63L, slot.afterSecondsAt(slot.from()), "counted from the wave's publication");
        assertEquals(53L, slot.afterSecondsAt(slot.from().plusSeconds(10)), "a push sent 10 s later waits 10 s less");
        assertEquals(0L, slot.afterSecondsAt(slot.from().plusSeconds(70)), "a push sent after its slot: at once");
    }

    @Test
    void aSilentWakeSaysSoAndCarriesNoMessage() {
        publisher.publish(Notification.of(PushKind.WAKE, "acme", List.of("s-1"), "agent event: call ended").silently());

        assertEquals("1", entries().get(0).payload().get("silent"));
        assertTrue(Push.fromFields(entries().get(0).payload()).silent());
        assertThrows(IllegalStateException.class, () -> Notification.of(PushKind.WAKE, "acme", List.of("s-1"), "x")
                .saying("hello").silently());
    }

    @Test
    void anEntryWithoutMessageOrInstanceHasNoSuchFields() {
        String id = publisher.publish(Notification.of(PushKind.WAKE, "acme", List.of("s-1"), "site takeover"));

        assertEquals(Map.of("notificationId", id, "sessionId", "s-1", "kind", "WAKE", "companyCode", "acme",
                "collapseId", "wake-" + id), entries().get(0).payload());
    }

    @Test
    void aFanOutToThousandsOfSessionsQueuesEveryOne() {
        List<String> sessions = IntStream.range(0, 1_201).mapToObj(i -> "s-" + i).toList();

        publisher.publish(Notification.of(PushKind.WAKE, "acme", sessions, "site takeover"));

        assertEquals(sessions, entries().stream().map(e -> e.payload().get("sessionId")).toList());
    }

    @Test
    void theReportStartsAtZeroKeptAWeekAndCountsWhatNotifierAdds() {
        Instant before = Instant.now();
        String id = publisher.publish(Notification.of(PushKind.MESSAGE, "acme", List.of("s-1", "s-2", "s-3"),
                "admin@acme").saying("Briefing at 3 pm"));
        String key = "mha:notification:" + id;

        Map<String, String> raw = new HashMap<>(redis.hash(String.class).hgetall(key));
        Instant createdAt = Instant.parse(raw.remove("createdAt"));
        assertTrue(!createdAt.isBefore(before.minusSeconds(1)) && !createdAt.isAfter(Instant.now()), raw.toString());
        assertEquals(Map.of("companyCode", "acme", "kind", "MESSAGE", "sessions", "3", "origin", "admin@acme",
                "message", "Briefing at 3 pm", "targeted", "0", "sent", "0", "failed", "0", "pruned", "0",
                "delivered", "0"), raw,
                "the fields every reader relies on");
        long ttl = redis.key().ttl(key);
        assertTrue(ttl > Duration.ofDays(7).toSeconds() - 60 && ttl <= Duration.ofDays(7).toSeconds(), "ttl " + ttl);

        reports.addAll(Map.of(id, new DeliveryCounts(2, 1, 0, 1)));
        reports.addAll(Map.of(id, new DeliveryCounts(1, 0, 1, 0), "expired", new DeliveryCounts(1, 1, 0, 0)));

        Map<String, String> counted = redis.hash(String.class).hgetall(key);
        assertEquals(List.of("3", "1", "1", "1"), List.of(counted.get("targeted"), counted.get("sent"),
                counted.get("failed"), counted.get("pruned")));
        assertFalse(redis.key().exists("mha:notification:expired"), "no report is recreated without its TTL");
        assertEquals(new DeliveryReport(id, "acme", PushKind.MESSAGE, createdAt, "admin@acme", "Briefing at 3 pm",
                3, 3, 1, 1, 1, 0), reports.find(id).orElseThrow());
    }

    @Test
    void eachTargetSessionsAcknowledgementCountsOnceAsDeliveredAndNoOtherSessionsDoes() {
        String id = publisher.publish(Notification.of(PushKind.WAKE, "acme", List.of("s-1", "s-2"), "site takeover"));
        String other = publisher.publish(Notification.of(PushKind.WAKE, "acme", List.of("s-3"), "site takeover"));

        assertEquals(Map.of("s-1", "0", "s-2", "0"), redis.hash(String.class).hgetall("mha:notification:" + id + ":sessions"),
                "the targets, none acknowledged yet");
        long ttl = redis.key().ttl("mha:notification:" + id + ":sessions");
        assertTrue(ttl > Duration.ofDays(7).toSeconds() - 60 && ttl <= Duration.ofDays(7).toSeconds(), "ttl " + ttl);
        assertEquals(NotificationReports.Acknowledgement.COUNTED, reports.acknowledge(id, "s-1"));
        assertEquals(NotificationReports.Acknowledgement.REPEATED, reports.acknowledge(id, "s-1"), "a push delivered twice");
        assertEquals(NotificationReports.Acknowledgement.NOT_A_TARGET, reports.acknowledge(id, "s-3"), "another session's");
        assertEquals(NotificationReports.Acknowledgement.NOT_A_TARGET, reports.acknowledge("unknown", "s-1"));

        assertEquals(1, reports.find(id).orElseThrow().delivered());
        assertEquals(0, reports.find(other).orElseThrow().delivered());
        assertFalse(redis.key().exists("mha:notification:unknown"), "nothing written for an unknown notification");
        assertFalse(redis.key().exists("mha:notification:unknown:sessions"));
    }

    @Test
    void aReportWithoutMessageReadsAsNone() {
        String id = publisher.publish(Notification.of(PushKind.WAKE, "acme", List.of("s-1"), "site takeover"));

        assertEquals("", redis.hash(String.class).hget("mha:notification:" + id, "message"));
        assertEquals(null, reports.find(id).orElseThrow().message());
        assertTrue(reports.find("unknown").isEmpty());
    }

    @Test
    void aCompanyListsItsLatestFiftyNotificationsNewestFirst() {
        List<String> ids = IntStream.range(0, 52).mapToObj(i -> publisher.publish(
                Notification.of(PushKind.MESSAGE, "acme", List.of(), "admin@acme").saying("n" + i))).toList();
        String globex = publisher.publish(Notification.of(PushKind.WAKE, "globex", List.of("s-9"), "site takeover"));

        List<String> recent = redis.list(String.class).lrange("mha:notifications:recent:acme", 0, -1);
        assertEquals(50, recent.size(), "trimmed to the latest 50");
        assertEquals(ids.get(51), recent.get(0), "newest first");
        assertEquals(ids.get(2), recent.get(49));
        assertEquals(List.of(globex), redis.list(String.class).lrange("mha:notifications:recent:globex", 0, -1));
        assertEquals(List.of(ids.get(51), ids.get(50)),
                reports.recent("acme", 2).stream().map(DeliveryReport::notificationId).toList());
    }

    private static List<StreamMessage<String, String, String>> entries() {
        return redis.stream(String.class).xrange("mha:notifications", StreamRange.of("-", "+"));
    }
}
