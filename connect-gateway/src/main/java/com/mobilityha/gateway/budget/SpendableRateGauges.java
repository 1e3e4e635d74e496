package com.mobilityha.gateway.budget;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * {@code mobility.connect.budget.rate{operation}}: the requests per second the gateway spends of an
 * operation at most (its quota less the headroom), for every operation this pod has spent from the
 * budget. Beside {@code mobility.connect.budget{outcome=granted|waited}} it tells how close the
 * account's API budget is to its limit.
 */
final class SpendableRateGauges {
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final MeterRegistry metrics;
    private final ToDoubleFunction<String> spendableRate;

    SpendableRateGauges(MeterRegistry metrics, ToDoubleFunction<String> spendableRate) {
        this.metrics = metrics;
        this.spendableRate = spendableRate;
    }

    /** An operation was spent from the budget: its rate is exported from now on. */
    void spent(String operation) {
        if (registered.add(operation)) {
            double rate = spendableRate.applyAsDouble(operation);
            Gauge.builder("mobility.connect.budget.rate", () -> rate).tag("operation", operation)
                    .description("Requests per second the gateway spends of this Connect operation at most")
                    .register(metrics);
        }
    }
}
