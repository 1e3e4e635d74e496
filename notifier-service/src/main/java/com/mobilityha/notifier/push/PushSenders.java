package com.mobilityha.notifier.push;

import com.mobilityha.common.notification.Push;
import com.mobilityha.notifier.device.Device;
import com.mobilityha.notifier.device.PushPlatforms;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link PushSender} of each platform, so that a push goes out through the sender of its device's
 * platform; every platform has exactly one.
 */
@ApplicationScoped
public class PushSenders implements PushPlatforms {
    private final Map<Device.Platform, PushSender> byPlatform = new EnumMap<>(Device.Platform.class);
    private final Tracer tracer;
    private final boolean tracingOff;

    PushSenders(Instance<PushSender> senders, Tracer tracer,
                @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean tracingOff) {
        this.tracer = tracer;
        this.tracingOff = tracingOff;
        for (PushSender sender : senders) {
            if (byPlatform.put(sender.platform(), sender) != null) {
                throw new IllegalStateException("Two push senders for " + sender.platform());
            }
        }
        Set<Device.Platform> missing = EnumSet.allOf(Device.Platform.class);
        missing.removeAll(byPlatform.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("No push sender for " + missing);
        }
    }

    /**
     * Sends one push to one device through its platform's sender; waits while that sender has too many in flight.
     * Traced as {@code push APNS} or {@code push FCM} (a child of the current span) until the push service answers,
     * unless tracing is off ({@code quarkus.otel.sdk.disabled}: the span would be recorded and dropped).
     */
    public CompletableFuture<SendOutcome> send(Device device, Push push) throws InterruptedException {
        if (tracingOff) {
            return byPlatform.get(device.platform()).send(device, push);
        }
        Span span = tracer.spanBuilder("push " + device.platform()).setSpanKind(SpanKind.CLIENT)
                .setAttribute("mobility.push.platform", device.platform().name())
                .startSpan();
        try (Scope scope = span.makeCurrent()) {
            return byPlatform.get(device.platform()).send(device, push).whenComplete((outcome, failure) -> {
                if (outcome != null) {
                    span.setAttribute("mobility.push.outcome", outcome.name());
                }
                span.end();
            });
        } catch (InterruptedException | RuntimeException e) {
            span.end();
            throw e;
        }
    }

    @Override
    public boolean serves(Device.Platform platform) {
        return byPlatform.get(platform).configured();
    }
}
