package com.mobilityha.common.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Set;

/**
 * Publishes histogram buckets for the latencies that dashboards and alerts compute quantiles of
 * (HTTP requests, logins, push round trips), bounded to 1 ms – 30 s.
 */
@Singleton
public class LatencyHistograms {
    private static final Set<String> TIMED = Set.of("http.server.requests", "mobility.login", "notifier.push.latency");

    @Produces
    @Singleton
    MeterFilter histograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!TIMED.contains(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .percentilesHistogram(true)
                        .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
                        .maximumExpectedValue((double) Duration.ofSeconds(30).toNanos())
                        .build().merge(config);
            }
        };
    }
}
