package com.mobilityha.notifier.apns;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness includes the state of the APNs client. */
@Readiness
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
