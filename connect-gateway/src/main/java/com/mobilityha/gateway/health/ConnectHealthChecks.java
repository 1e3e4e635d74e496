package com.mobilityha.gateway.health;

import com.mobilityha.common.instance.InstanceState;
import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/**
 * Health of the Connect instances: {@code /q/health/group/connect} lists each instance's state;
 * readiness fails only when no instance at all is reachable (a gateway that can still reach one
 * instance serves its sessions and new logins). Start-up (and readiness) wait until every
 * instance's probe path is warm, so a pod is never routed to, nor trusted as a witness, cold.
 */
@ApplicationScoped
public class ConnectHealthChecks {
    private final InstanceHealth health;

    ConnectHealthChecks(InstanceHealth health) {
        this.health = health;
    }

    @Produces
    @HealthGroup("connect")
    HealthCheck instances() {
        return () -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("Amazon Connect instances").up();
            health.states().forEach((instance, state) -> {
                response.withData(instance.role() + " " + instance.instanceId(), state.name());
                if (state == InstanceState.DOWN) {
                    response.down();
                }
            });
            return response.build();
        };
    }

    @Produces
    @Startup
    @Readiness
    HealthCheck probesWarm() {
        return () -> HealthCheckResponse.named("Amazon Connect probes warm").status(health.warm()).build();
    }

    @Produces
    @Readiness
    HealthCheck anyInstanceReachable() {
        return () -> HealthCheckResponse.named("Amazon Connect reachable")
                .status(health.states().isEmpty() || health.states().containsValue(InstanceState.UP)
                        || health.states().containsValue(InstanceState.DEGRADED))
                .build();
    }
}
