package com.mobilityha.notifier.report;

import com.mobilityha.common.notification.NotificationPublisher;
import com.mobilityha.common.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Delivery reports in Redis: the publisher creates them ({@link NotificationPublisher}), the
 * consumer adds each entry's final outcome; {@link com.mobilityha.common.notification.NotificationReports}
 * reads them.
 */
@ApplicationScoped
public class DeliveryReports {
    /** Counters only of a report that exists (one expired meanwhile is not recreated without its TTL). */
    private static final String ADD_IF_PRESENT = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('HINCRBY', KEYS[1], 'targeted', ARGV[1])
            redis.call('HINCRBY', KEYS[1], 'sent', ARGV[2])
            redis.call('HINCRBY', KEYS[1], 'failed', ARGV[3])
            redis.call('HINCRBY', KEYS[1], 'pruned', ARGV[4])
            return 1""";

    private final RedisDataSource redis;

    DeliveryReports(RedisDataSource redis) {
        this.redis = redis;
    }

    private static String key(String notificationId) {
        return RedisKeys.notificationReport(notificationId);
    }

    /** What became of a notification's devices in one batch. */
    public record Counts(long targeted, long sent, long failed, long pruned) {
        /** Both outcomes together. */
        public Counts plus(Counts other) {
            return new Counts(targeted + other.targeted, sent + other.sent, failed + other.failed, pruned + other.pruned);
        }
    }

    /** Adds the outcomes of a batch, summed per notification, in one pipelined round trip. */
    public void recordAll(Map<String, Counts> byNotification) {
        if (byNotification.isEmpty()) {
            return;
        }
        List<Request> updates = new ArrayList<>();
        byNotification.forEach((notificationId, c) -> updates.add(Request.cmd(Command.EVAL).arg(ADD_IF_PRESENT).arg(1)
                .arg(key(notificationId)).arg(c.targeted()).arg(c.sent()).arg(c.failed()).arg(c.pruned())));
        redis.getReactive().getRedis().batchAndAwait(updates);
    }
}
