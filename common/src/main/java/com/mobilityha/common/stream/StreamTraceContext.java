package com.mobilityha.common.stream;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;

import java.util.Map;

/**
 * The W3C trace context of a stream entry: its producer writes the current span's {@code traceparent}
 * (and {@code tracestate}, if any) as fields of the entry, and its consumer starts its spans as children
 * of that, so that work handed over through a stream stays in the trace that caused it. Always the W3C
 * format, whatever propagators a service is configured with: the fields are part of the entry's format,
 * which both sites and every version read. An entry without them (no span was current, tracing is off, or
 * an older producer wrote it) is read as having no parent.
 */
public final class StreamTraceContext {
    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> FIELDS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> fields) {
            return fields.keySet();
        }

        @Override
        public String get(Map<String, String> fields, String name) {
            return fields == null ? null : fields.get(name);
        }
    };

    private StreamTraceContext() {
    }

    /** Adds the current span's trace context to an entry's fields (nothing when no span is current). */
    public static void inject(Map<String, String> fields) {
        W3C.inject(Context.current(), fields, Map::put);
    }

    /** The trace context an entry's producer wrote: the parent of the consumer's spans (the root context when none). */
    public static Context extract(Map<String, String> fields) {
        return W3C.extract(Context.root(), fields, FIELDS);
    }
}
