package com.mobilityha.common.notification;

import com.mobilityha.common.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Delivery reports in Redis, the one place that knows their format: hash
 * {@code mha:notification:<id>} (kept a week), the hash of its target sessions with whether each one's
 * app acknowledged it ({@code mha:notification:<id>:sessions}, kept as long) and each company's list of
 * recent notification ids (the latest 50). {@link NotificationPublisher} creates a report and lists its
 * targets, notifier-service adds each stream entry's outcome and the apps' acknowledgements, the admin
 * API and the console read them.
 */
@ApplicationScoped
public class NotificationReports {
    private static final Duration TTL = Duration.ofDays(7);
    private static final int RECENT = 50;
    private static final String COMPANY_CODE = "companyCode";
    private static final String KIND = "kind";
    private static final String CREATED_AT = "createdAt";
    private static final String SESSIONS = "sessions";
    private static final String ORIGIN = "origin";
    private static final String MESSAGE = "message";
    private static final String TARGETED = "targeted";
    private static final String SENT = "sent";
    private static final String FAILED = "failed";
    private static final String PRUNED = "pruned";
    private static final String DELIVERED = "delivered";
    /** A target session's field in the targets hash: pushed, not yet acknowledged. */
    private static final String PUSHED = "0";
    /** Counters only of a report that exists (one expired meanwhile is not recreated without its TTL). */
    private static final String ADD_IF_PRESENT = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            for i = 1, #ARGV, 2 do redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1]) end
            return 1""";
    /**
     * KEYS: the targets hash, the report; ARGV: the session. -1 not a target (unknown notification, or
     * another session's), 0 acknowledged before, 1 acknowledged now (counted as delivered).
     */
    private static final String ACKNOWLEDGE = """
            local state = redis.call('HGET', KEYS[1], ARGV[1])
            if not state then return -1 end
            if state ~= '0' then return 0 end
            redis.call('HSET', KEYS[1], ARGV[1], '1')
            if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('HINCRBY', KEYS[2], 'delivered', 1) end
            return 1""";

    private final RedisDataSource redis;
    private final HashCommands<String, String, String> hashes;

    public NotificationReports(RedisDataSource redis) {
        this.redis = redis;
        this.hashes = redis.hash(String.class, String.class, String.class);
    }

    /** The writes that create a notification's report, all counters at zero, and list it among its company's recent ones. */
    List<Request> creation(String notificationId, Notification notification) {
        String report = RedisKeys.notificationReport(notificationId);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(COMPANY_CODE, notification.companyCode());
        fields.put(KIND, notification.kind().name());
        fields.put(CREATED_AT, Instant.now().toString());
        fields.put(SESSIONS, String.valueOf(notification.sessionIds().size()));
        fields.put(ORIGIN, notification.origin());
        fields.put(MESSAGE, notification.message() == null ? "" : notification.message());
        List.of(TARGETED, SENT, FAILED, PRUNED, DELIVERED).forEach(counter -> fields.put(counter, "0"));
        Request hset = Request.cmd(Command.HSET).arg(report);
        fields.forEach((field, value) -> hset.arg(field).arg(value));
        String recent = RedisKeys.recentNotifications(notification.companyCode());
        return List.of(hset,
                Request.cmd(Command.EXPIRE).arg(report).arg(TTL.toSeconds()),
                Request.cmd(Command.LPUSH).arg(recent).arg(notificationId),
                Request.cmd(Command.LTRIM).arg(recent).arg(0).arg(RECENT - 1));
    }

    /** The writes that list these sessions among a notification's targets, whose apps may acknowledge it once each. */
    List<Request> targets(String notificationId, List<String> sessionIds) {
        String targets = RedisKeys.notificationTargets(notificationId);
        Request hset = Request.cmd(Command.HSET).arg(targets);
        sessionIds.forEach(sessionId -> hset.arg(sessionId).arg(PUSHED));
        return List.of(hset, Request.cmd(Command.EXPIRE).arg(targets).arg(TTL.toSeconds()));
    }

    /** What an app's acknowledgement of a push did. */
    public enum Acknowledgement {
        /** First acknowledgement of the session: counted as delivered. */
        COUNTED,
        /** The session acknowledged it before (a push delivered twice): nothing changed. */
        REPEATED,
        /** No such notification for this session (unknown, expired or another session's): nothing changed. */
        NOT_A_TARGET
    }

    /** The app of {@code sessionId} says it received the notification's push. */
    public Acknowledgement acknowledge(String notificationId, String sessionId) {
        long result = redis.execute("EVAL", ACKNOWLEDGE, "2", RedisKeys.notificationTargets(notificationId),
                RedisKeys.notificationReport(notificationId), sessionId).toLong();
        return result > 0 ? Acknowledgement.COUNTED : result == 0 ? Acknowledgement.REPEATED : Acknowledgement.NOT_A_TARGET;
    }

    /** Adds outcomes to the reports, summed per notification id, in one pipelined round trip. */
    public void addAll(Map<String, DeliveryCounts> byNotification) {
        if (byNotification.isEmpty()) {
            return;
        }
        List<Request> updates = new ArrayList<>();
        byNotification.forEach((notificationId, counts) -> updates.add(Request.cmd(Command.EVAL).arg(ADD_IF_PRESENT)
                .arg(1).arg(RedisKeys.notificationReport(notificationId))
                .arg(TARGETED).arg(counts.targeted()).arg(SENT).arg(counts.sent())
                .arg(FAILED).arg(counts.failed()).arg(PRUNED).arg(counts.pruned())));
        redis.getReactive().getRedis().batchAndAwait(updates);
    }

    /** The report of a notification, empty when unknown or expired. */
    public Optional<DeliveryReport> find(String notificationId) {
        Map<String, String> fields = hashes.hgetall(RedisKeys.notificationReport(notificationId));
        if (!fields.containsKey(COMPANY_CODE) || !fields.containsKey(CREATED_AT)) {
            return Optional.empty();
        }
        return Optional.of(new DeliveryReport(notificationId, fields.get(COMPANY_CODE), PushKind.valueOf(fields.get(KIND)),
                Instant.parse(fields.get(CREATED_AT)), fields.getOrDefault(ORIGIN, ""), blankToNull(fields.get(MESSAGE)),
                number(fields, SESSIONS), number(fields, TARGETED), number(fields, SENT),
                number(fields, FAILED), number(fields, PRUNED), number(fields, DELIVERED)));
    }

    /** A company's latest notifications, newest first, at most {@code count}. */
    public List<DeliveryReport> recent(String companyCode, int count) {
        return redis.list(String.class).lrange(RedisKeys.recentNotifications(companyCode), 0, count - 1L).stream()
                .map(this::find)
                .flatMap(Optional::stream)
                .filter(report -> report.companyCode().equals(companyCode))
                .toList();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static long number(Map<String, String> fields, String name) {
        return Long.parseLong(fields.getOrDefault(name, "0"));
    }
}
