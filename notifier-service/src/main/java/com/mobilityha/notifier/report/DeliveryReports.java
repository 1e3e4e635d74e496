package com.mobilityha.notifier.report;

import com.mobilityha.notifier.config.NotifierConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Delivery reports in Redis ({@code mha:notification:<id>} hashes with counters), kept for a week. */
@ApplicationScoped
public class DeliveryReports {
    private final RedisDataSource redis;
    private final HashCommands<String, String, String> hashes;
    private final NotifierConfig config;

    DeliveryReports(RedisDataSource redis, NotifierConfig config) {
        this.redis = redis;
        this.hashes = redis.hash(String.class, String.class, String.class);
        this.config = config;
    }

    private static String key(String notificationId) {
        return "mha:notification:" + notificationId;
    }

    /** Starts the report of a notification about to be queued. */
    public void create(String notificationId, String companyCode, String kind, long sessions, long targeted) {
        String key = key(notificationId);
        hashes.hset(key, Map.of("companyCode", companyCode, "kind", kind, "createdAt", Instant.now().toString(),
                "sessions", String.valueOf(sessions), "targeted", String.valueOf(targeted),
                "sent", "0", "failed", "0", "pruned", "0"));
        redis.key().expire(key, config.reportTtl().toSeconds());
    }

    /** Adds the final outcome of one stream entry. */
    public void record(String notificationId, long sent, long failed, long pruned) {
        String key = key(notificationId);
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
        if (fields.isEmpty()) {
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
