package com.mobilityha.gateway.health;

import com.mobilityha.common.instance.InstanceState;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.gateway.connect.ConnectCalls;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Supplier;

/**
 * What warns before an instance is DOWN, per Amazon Connect instance and pod:
 * {@code mobility.connect.instance.degraded} is 1 while this pod sees the instance DEGRADED (it answers
 * its probe, but this pod's breaker of it is not closed), and {@code mobility.connect.breaker.open} is 1
 * while this pod's breaker of the instance is open or half-open (whatever the probes say: calls are
 * being refused or trialled).
 */
@Startup
@ApplicationScoped
public class InstanceWarningGauges {

    InstanceWarningGauges(InstanceHealth health, ConnectCalls calls, MeterRegistry metrics) {
        health.states().keySet().forEach(instance -> register(metrics, instance,
                () -> health.state(instance.instanceId()), () -> calls.breakerState(instance.instanceId())));
    }

    static void register(MeterRegistry metrics, InstanceRef instance, Supplier<InstanceState> state,
                         Supplier<CircuitBreakerState> breaker) {
        Gauge.builder("mobility.connect.instance.degraded", () -> state.get() == InstanceState.DEGRADED ? 1 : 0)
                .tag("instance_id", instance.instanceId()).tag("instance_role", instance.role())
                .description("1 while this pod sees the Amazon Connect instance DEGRADED (answering, breaker not closed)")
                .register(metrics);
        Gauge.builder("mobility.connect.breaker.open", () -> breaker.get() == CircuitBreakerState.CLOSED ? 0 : 1)
                .tag("instance_id", instance.instanceId()).tag("instance_role", instance.role())
                .description("1 while this pod's circuit breaker of the Amazon Connect instance is open or half-open")
                .register(metrics);
    }
}
