package com.mobilityha.common.notification;

import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.session.SessionTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Publishes a notification: its delivery report ({@code mha:notification:<id>}, kept a week, and
 * listed among the company's recent ones) and one stream entry per target session, pipelined a few hundred per round trip. Once this returns, every
 * entry will be delivered at least once by notifier-service.
 */
@ApplicationScoped
public class NotificationPublisher {
    private static final Duration REPORT_TTL = Duration.ofDays(7);
    private static final int PIPELINE = 500;
    private static final int RECENT = 50;

    private final RedisDataSource redis;

    NotificationPublisher(RedisDataSource redis) {
        this.redis = redis;
    }

    /**
     * Queues {@code kind} for these sessions of a company; returns the notification id.
     *
     * @param instanceRole the Connect instance role the push is about (may be null)
     * @param origin       who sends it, shown with its delivery report: an administrator or a failover
     */
    public String publish(String companyCode, String kind, String instanceRole, String message, List<String> sessionIds,
                          String origin) {
        String notificationId = SessionTokens.newId();
        String collapseId = kind.toLowerCase(Locale.ROOT) + "-" + notificationId;
        String report = RedisKeys.notificationReport(notificationId);
        Request fields = Request.cmd(Command.HSET).arg(report);
        Map.of("companyCode", companyCode, "kind", kind, "createdAt", Instant.now().toString(),
                        "sessions", String.valueOf(sessionIds.size()), "origin", origin, "message", message == null ? "" : message,
                        "targeted", "0", "sent", "0", "failed", "0", "pruned", "0")
                .forEach((field, value) -> fields.arg(field).arg(value));
        String recent = RedisKeys.recentNotifications(companyCode);
        redis.getReactive().getRedis().batchAndAwait(List.of(fields,
                Request.cmd(Command.EXPIRE).arg(report).arg(REPORT_TTL.toSeconds()),
                Request.cmd(Command.LPUSH).arg(recent).arg(notificationId),
                Request.cmd(Command.LTRIM).arg(recent).arg(0).arg(RECENT - 1)));
        for (int from = 0; from < sessionIds.size(); from += PIPELINE) {
            List<Request> entries = new ArrayList<>();
            for (String sessionId : sessionIds.subList(from, Math.min(sessionIds.size(), from + PIPELINE))) {
                Request xadd = Request.cmd(Command.XADD).arg(RedisKeys.notifications()).arg("*");
                new Push(notificationId, sessionId, kind, companyCode, instanceRole, message, collapseId).toFields()
                        .forEach((field, value) -> xadd.arg(field).arg(value));
                entries.add(xadd);
            }
            redis.getReactive().getRedis().batchAndAwait(entries);
        }
        return notificationId;
    }
}
