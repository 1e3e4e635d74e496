package com.mobilityha.gateway.health;

import com.mobilityha.common.instance.InstanceState;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;

/** The early-warning gauges under the Prometheus names the alert rules use, following the state and the breaker. */
class InstanceWarningGaugesTests {
    private static final InstanceRef PRIMARY = new InstanceRef("primary", "i-1", "eu-central-1");
    private static final String LABELS = "{instance_id=\"i-1\",instance_role=\"primary\",}";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<InstanceState> state = new AtomicReference<>(InstanceState.UP);
    private final AtomicReference<CircuitBreakerState> breaker = new AtomicReference<>(CircuitBreakerState.CLOSED);

    @Test
    void degradedAndBreakerOpenAreOneOnlyWhileSo() {
        InstanceWarningGauges.register(registry, PRIMARY, state::get, breaker::get);
        assertThat(registry.scrape(), containsString("mobility_connect_instance_degraded" + LABELS + " 0.0"));
        assertThat(registry.scrape(), containsString("mobility_connect_breaker_open" + LABELS + " 0.0"));

        state.set(InstanceState.DEGRADED);
        breaker.set(CircuitBreakerState.OPEN);
        assertThat(registry.scrape(), containsString("mobility_connect_instance_degraded" + LABELS + " 1.0"));
        assertThat(registry.scrape(), containsString("mobility_connect_breaker_open" + LABELS + " 1.0"));

        state.set(InstanceState.DOWN);
        breaker.set(CircuitBreakerState.HALF_OPEN);
        assertThat(registry.scrape(), containsString("mobility_connect_instance_degraded" + LABELS + " 0.0"));
        assertThat(registry.scrape(), containsString("mobility_connect_breaker_open" + LABELS + " 1.0"));
    }
}
