package com.mobilityha.notifier.apns;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness includes the state of the APNs client; so does the {@code push} health group. */
@Readiness
@HealthGroup("push")
@ApplicationScoped
public class ApnsHealthCheck implements HealthCheck {
    private final ApnsSender sender;

    ApnsHealthCheck(ApnsSender sender) {
        this.sender = sender;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("APNs client").status(sender.ready()).build();
    }
}
