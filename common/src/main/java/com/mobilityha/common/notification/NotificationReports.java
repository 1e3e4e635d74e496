package com.mobilityha.common.notification;

import com.mobilityha.common.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads delivery reports: one by id (notifier's admin API) or a company's most recent (the console). */
@ApplicationScoped
public class NotificationReports {
    private final RedisDataSource redis;
    private final HashCommands<String, String, String> hashes;

    NotificationReports(RedisDataSource redis) {
        this.redis = redis;
        this.hashes = redis.hash(String.class, String.class, String.class);
    }

    /** The report of a notification, empty when unknown or expired. */
    public Optional<DeliveryReport> find(String notificationId) {
        Map<String, String> fields = hashes.hgetall(RedisKeys.notificationReport(notificationId));
        if (!fields.containsKey("companyCode") || !fields.containsKey("createdAt")) {
            return Optional.empty();
        }
        return Optional.of(new DeliveryReport(notificationId, fields.get("companyCode"), fields.get("kind"),
                Instant.parse(fields.get("createdAt")), fields.getOrDefault("origin", ""), blankToNull(fields.get("message")),
                number(fields, "sessions"), number(fields, "targeted"), number(fields, "sent"),
                number(fields, "failed"), number(fields, "pruned")));
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
