package com.mobilityha.notifier.report;

import com.mobilityha.common.notification.NotificationPublisher;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Delivery reports in Redis: the publisher creates them ({@link NotificationPublisher}), the
 * consumer adds each entry's final outcome.
 */
@ApplicationScoped
public class DeliveryReports {
    private final HashCommands<String, String, String> hashes;

    DeliveryReports(RedisDataSource redis) {
        this.hashes = redis.hash(String.class, String.class, String.class);
    }

    private static String key(String notificationId) {
        return NotificationPublisher.reportKey(notificationId);
    }

    /** Adds the final outcome of one stream entry: devices targeted, and what became of them. */
    public void record(String notificationId, long targeted, long sent, long failed, long pruned) {
        String key = key(notificationId);
        if (!hashes.hexists(key, "companyCode")) {
            return;
        }
        if (targeted > 0) {
            hashes.hincrby(key, "targeted", targeted);
        }
        if (sent > 0) {
            hashes.hincrby(key, "sent", sent);
        }
        if (failed > 0) {
            hashes.hincrby(key, "failed", failed);
        }
        if (pruned > 0) {
            hashes.hincrby(key, "pruned", pruned);
        }
    }

    public Optional<DeliveryReport> find(String notificationId) {
        Map<String, String> fields = hashes.hgetall(key(notificationId));
        if (!fields.containsKey("companyCode") || !fields.containsKey("createdAt")) {
            return Optional.empty();
        }
        return Optional.of(new DeliveryReport(notificationId, fields.get("companyCode"), fields.get("kind"),
                Instant.parse(fields.get("createdAt")), number(fields, "sessions"), number(fields, "targeted"),
                number(fields, "sent"), number(fields, "failed"), number(fields, "pruned")));
    }

    private static long number(Map<String, String> fields, String name) {
        return Long.parseLong(fields.getOrDefault(name, "0"));
    }
}
