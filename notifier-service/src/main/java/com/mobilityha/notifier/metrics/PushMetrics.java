package com.mobilityha.notifier.metrics;

import com.mobilityha.common.notification.PushKind;
import com.mobilityha.notifier.device.Device;
import com.mobilityha.notifier.push.SendOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code notifier.pushes} (per platform, kind and outcome) and {@code notifier.push.latency} (per
 * platform). Completions run on the push clients' I/O threads, so the meters are looked up once
 * and then taken from a map instead of the registry on every push.
 */
@ApplicationScoped
public class PushMetrics {
    private final MeterRegistry registry;
    private final Map<Device.Platform, Timer> latency = new EnumMap<>(Device.Platform.class);
    private final Map<Outcome, Counter> pushes = new ConcurrentHashMap<>();

    PushMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Device.Platform platform : Device.Platform.values()) {
            latency.put(platform, registry.timer("notifier.push.latency", "platform", platform.name()));
        }
    }

    /** Starts timing one send. */
    public Timer.Sample start() {
        return Timer.start(registry);
    }

    /** Records the outcome of one send started with {@link #start()}. */
    public void record(Timer.Sample sample, Device.Platform platform, PushKind kind, SendOutcome outcome) {
        sample.stop(latency.get(platform));
        pushes.computeIfAbsent(new Outcome(platform, kind, outcome), key -> registry.counter("notifier.pushes",
                "platform", platform.name(), "kind", kind.name(), "outcome", outcome.name().toLowerCase(Locale.ROOT)))
                .increment();
    }

    private record Outcome(Device.Platform platform, PushKind kind, SendOutcome outcome) {
    }
}
