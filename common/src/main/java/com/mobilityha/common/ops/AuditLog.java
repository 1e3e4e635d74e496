package com.mobilityha.common.ops;

import com.mobilityha.common.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XAddArgs;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Who did what, when: each administrator action, written by the service that carries it out
 * (notifier: notifications; gateway: fail-backs) before it answers, so that no action escapes
 * the log whichever client made it. Kept per company, the latest 1000.
 */
@ApplicationScoped
public class AuditLog {
    private static final long KEPT = 1000;

    private final RedisDataSource redis;

    AuditLog(RedisDataSource redis) {
        this.redis = redis;
    }

    /** Records an action of an administrator of {@code companyCode}. */
    public void record(String companyCode, String who, String action, String what, String ref) {
        redis.stream(String.class).xadd(RedisKeys.auditLog(companyCode), new XAddArgs().maxlen(KEPT).nearlyExactTrimming(),
                Map.of("at", Instant.now().toString(), "who", who, "action", action, "what", what, "ref", ref));
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
