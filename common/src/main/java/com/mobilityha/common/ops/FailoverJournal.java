package com.mobilityha.common.ops;

import com.mobilityha.common.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XAddArgs;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The failover journal: session-service records site takeovers, connect-gateway instances going
 * DOWN and coming back, each once (by the site that won the transition), per company; the
 * operations console reads it. Recording is best effort: a failover never fails for its journal.
 */
@ApplicationScoped
public class FailoverJournal {
    private static final Logger LOG = Logger.getLogger(FailoverJournal.class);
    private static final long KEPT = 200;

    private final RedisDataSource redis;

    FailoverJournal(RedisDataSource redis) {
        this.redis = redis;
    }

    /** Appends an event to the company's journal (its {@code id} is the stream entry's, assigned here). */
    public void record(String companyCode, FailoverEvent event) {
        Map<String, String> fields = new HashMap<>();
        fields.put("kind", event.kind().name());
        fields.put("subject", event.subject());
        fields.put("handledBy", event.handledBy());
        fields.put("at", event.at().toString());
        fields.put("detectionMillis", String.valueOf(event.detectionMillis()));
        fields.put("handlingMillis", String.valueOf(event.handlingMillis()));
        fields.put("sessions", String.valueOf(event.sessions()));
        fields.put("callsLost", String.valueOf(event.callsLost()));
        fields.put("notificationIds", String.join(",", event.notificationIds()));
        try {
            redis.stream(String.class).xadd(RedisKeys.failoverJournal(companyCode),
                    new XAddArgs().maxlen(KEPT).nearlyExactTrimming(), fields);
        } catch (RuntimeException e) {
            LOG.warnf("Failover %s of %s not journaled: %s", event.kind(), companyCode, e.getMessage());
        }
    }

    /** The company's latest failovers, newest first. */
    public List<FailoverEvent> recent(String companyCode, int count) {
        return redis.stream(String.class).xrevrange(RedisKeys.failoverJournal(companyCode), StreamRange.of("+", "-"), count).stream()
                .map(FailoverJournal::event)
                .toList();
    }

    private static FailoverEvent event(StreamMessage<String, String, String> message) {
        Map<String, String> f = message.payload();
        String ids = f.getOrDefault("notificationIds", "");
        return new FailoverEvent(message.id(), FailoverEvent.Kind.valueOf(f.get("kind")), f.get("subject"),
                f.get("handledBy"), Instant.parse(f.get("at")), number(f, "detectionMillis"), number(f, "handlingMillis"),
                number(f, "sessions"), number(f, "callsLost"),
                ids.isEmpty() ? List.of() : Arrays.asList(ids.split(",")));
    }

    private static long number(Map<String, String> fields, String name) {
        return Long.parseLong(fields.getOrDefault(name, "0"));
    }
}
