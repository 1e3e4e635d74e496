package com.mobilityha.session.site;

import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.localstack.quarkustest.AdminRedis;
import com.mobilityha.localstack.quarkustest.RedisSentinelResource;
import com.mobilityha.localstack.session.TestSessions;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One site takeover is one trace: the takeover's span is current while its WAKE entries are written, so
 * each entry carries it as the parent of the notifier's fan-out (notifier-service's NotificationTracingTest
 * follows the entries from there).
 */
@QuarkusTest
@QuarkusTestResource(RedisSentinelResource.class)
@QuarkusTestResource(GatewayReadiness.class)
class SiteTakeoverTracingTest {
    @AdminRedis
    RedisDataSource redis;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void S6_theWakesOfATakeoverCarryTheTakeoversSpan() {
        GatewayReadiness.ready(true);
        redis.flushall();
        spans.reset();
        redis.value(String.class).set(RedisKeys.siteHeartbeat("secondary"), "test", new SetArgs().px(300));
        TestSessions.create(redis, "acme", "alice", "u-a", SiteTakeoverTest.INSTANCE, "secondary");
        TestSessions.create(redis, "acme", "bob", "u-b", SiteTakeoverTest.INSTANCE, "secondary");

        Poll.require(() -> takeoverSpan().isPresent(), "the takeover's span", Duration.ofSeconds(10));
        SpanData takeover = takeoverSpan().orElseThrow();
        assertEquals("primary", takeover.getAttributes().get(AttributeKey.stringKey("mobility.site.survivor")));
        assertEquals(2L, takeover.getAttributes().get(AttributeKey.longKey("mobility.site.rehomed_sessions")));
        List<Map<String, String>> wakes = redis.stream(String.class)
                .xrange(RedisKeys.notifications(), StreamRange.of("-", "+")).stream().map(StreamMessage::payload).toList();
        assertEquals(2, wakes.size());
        for (Map<String, String> wake : wakes) {
            assertEquals("00-" + takeover.getTraceId() + "-" + takeover.getSpanId() + "-01", wake.get("traceparent"),
                    "the WAKE's delivery is a child of the takeover");
        }
    }

    private Optional<SpanData> takeoverSpan() {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals("site takeover"))
                .filter(span -> "secondary".equals(span.getAttributes().get(AttributeKey.stringKey("mobility.site.dead"))))
                .findFirst();
    }
}
