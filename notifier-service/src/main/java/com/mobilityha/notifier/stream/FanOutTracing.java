package com.mobilityha.notifier.stream;

import com.mobilityha.common.notification.Push;
import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.stream.StreamTraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.redis.datasource.stream.StreamMessage;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.CompletableFuture;

/**
 * The span of one stream entry's fan-out ({@code notification fan-out}): a child of the trace context
 * its publisher wrote in the entry ({@link StreamTraceContext}), so that a failover's pushes are in the
 * failover's trace; a new trace for an entry without one. The span is current while the entry's pushes
 * start (their spans are its children) and ends once they are all answered. With tracing off
 * ({@code quarkus.otel.sdk.disabled}) no span is made: the SDK would still record every one and then drop it.
 */
@ApplicationScoped
class FanOutTracing {
    private final Tracer tracer;
    private final boolean off;

    FanOutTracing(Tracer tracer, @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean off) {
        this.tracer = tracer;
        this.off = off;
    }

    /** The entry's sends, started inside its fan-out span. */
    @FunctionalInterface
    interface Sends<T> {
        CompletableFuture<T> start() throws InterruptedException;
    }

    /** Starts the sends of {@code entry} to {@code devices} devices inside the entry's fan-out span. */
    <T> CompletableFuture<T> fanOut(StreamMessage<String, String, String> entry, Push push, int devices, Sends<T> sends)
            throws InterruptedException {
        if (off) {
            return sends.start();
        }
        Span span = tracer.spanBuilder("notification fan-out")
                .setParent(StreamTraceContext.extract(entry.payload()))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "redis")
                .setAttribute("messaging.destination.name", RedisKeys.notifications())
                .setAttribute("messaging.message.id", entry.id())
                .setAttribute("mobility.notification.id", push.notificationId())
                .setAttribute("mobility.push.kind", push.kind().name())
                .setAttribute("mobility.push.devices", devices)
                .startSpan();
        try (Scope scope = span.makeCurrent()) {
            return sends.start().whenComplete((result, failure) -> span.end());
        } catch (InterruptedException | RuntimeException e) {
            span.end();
            throw e;
        }
    }
}
