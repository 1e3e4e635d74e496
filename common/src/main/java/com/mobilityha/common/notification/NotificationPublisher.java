package com.mobilityha.common.notification;

import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.redis.ReplicaAcks;
import com.mobilityha.common.session.SessionTokens;
import com.mobilityha.common.stream.StreamTraceContext;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Publishes a notification: its delivery report and its list of targets ({@link NotificationReports}) and
 * one stream entry ({@link Push}) per target session, pipelined a few hundred per round trip. Each entry carries the
 * caller's trace context ({@link StreamTraceContext}), so that its delivery joins the caller's trace. Once
 * this returns, every entry is on the replicas too ({@link ReplicaAcks}) and will be delivered at least once
 * by notifier-service, even if the Redis master fails.
 */
@ApplicationScoped
public class NotificationPublisher {
    private static final int PIPELINE = 500;

    private final ReplicaAcks acks;
    private final NotificationReports reports;

    public NotificationPublisher(ReplicaAcks acks, NotificationReports reports) {
        this.acks = acks;
        this.reports = reports;
    }

    /** Queues the notification for its sessions; returns its id. */
    public String publish(Notification notification) {
        String notificationId = SessionTokens.newId();
        publish(notificationId, notification);
        return notificationId;
    }

    /** Queues the notification for its sessions under an id chosen beforehand (e.g. the one its audit entry names). */
    public void publish(String notificationId, Notification notification) {
        String collapseId = notification.kind().name().toLowerCase(Locale.ROOT) + "-" + notificationId;
        List<String> sessionIds = notification.sessionIds();
        SignInSlots slots = notification.signInSlots();
        Instant published = Instant.now();
        Map<String, String> traceContext = new HashMap<>();
        StreamTraceContext.inject(traceContext);
        List<Request> report = reports.creation(notificationId, notification);
        for (int from = 0; from == 0 || from < sessionIds.size(); from += PIPELINE) {
            List<Request> entries = new ArrayList<>(from == 0 ? report : List.of());
            if (!sessionIds.isEmpty()) {
                entries.addAll(reports.targets(notificationId,
                        sessionIds.subList(from, Math.min(sessionIds.size(), from + PIPELINE))));
            }
            for (int index = from; index < Math.min(sessionIds.size(), from + PIPELINE); index++) {
                Request xadd = Request.cmd(Command.XADD).arg(RedisKeys.notifications()).arg("*");
                Map<String, String> fields = new Push(notificationId, sessionIds.get(index), notification.kind(),
                        notification.companyCode(), notification.instanceRole(), notification.message(), collapseId,
                        slots == null ? null : new Push.SignInSlot(slots.afterSeconds(index), slots.withinSeconds(), published),
                        notification.silent())
                        .toFields();
                fields.putAll(traceContext);
                fields.forEach((field, value) -> xadd.arg(field).arg(value));
                entries.add(xadd);
            }
            acks.send(entries);
        }
    }
}
