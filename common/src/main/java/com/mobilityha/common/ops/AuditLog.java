package com.mobilityha.common.ops;

import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.redis.ReplicaAcks;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Who did what, when: each administrator action, written by the service that carries it out
 * (notifier: notifications; gateway: fail-backs) before it answers, so that no action escapes
 * the log whichever client made it, nor a Redis master failover ({@link ReplicaAcks}). Kept per
 * company, the latest 1000.
 */
@ApplicationScoped
public class AuditLog {
    private static final long KEPT = 1000;

    private final RedisDataSource redis;
    private final ReplicaAcks acks;

    public AuditLog(RedisDataSource redis, ReplicaAcks acks) {
        this.redis = redis;
        this.acks = acks;
    }

    /** Records an action of an administrator of {@code companyCode}, on the replicas too before it returns. */
    public void record(String companyCode, String who, String action, String what, String ref) {
        Request entry = Request.cmd(Command.XADD).arg(RedisKeys.auditLog(companyCode)).arg("MAXLEN").arg("~").arg(KEPT)
                .arg("*");
        Map.of("at", Instant.now().toString(), "who", who, "action", action, "what", what, "ref", ref)
                .forEach((field, value) -> entry.arg(field).arg(value));
        acks.send(List.of(entry));
    }

    /** The company's latest actions, newest first. */
    public List<AuditEntry> recent(String companyCode, int count) {
        return redis.stream(String.class).xrevrange(RedisKeys.auditLog(companyCode), StreamRange.of("+", "-"), count).stream()
                .map(AuditLog::entry)
                .toList();
    }

    private static AuditEntry entry(StreamMessage<String, String, String> message) {
        Map<String, String> f = message.payload();
        return new AuditEntry(message.id(), Instant.parse(f.get("at")), f.get("who"), f.get("action"), f.get("what"),
                f.get("ref"));
    }
}
