package com.mobilityha.notifier.fcm;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The FCM client's state in the {@code push} health group ({@code /q/health/group/push}): DOWN
 * while access tokens cannot be had. Not part of readiness: an FCM outage must not take the
 * notifier, and with it APNs delivery and device registration, out of service.
 */
@HealthGroup("push")
@ApplicationScoped
public class FcmHealthCheck implements HealthCheck {
    private final FcmSender fcm;

    FcmHealthCheck(FcmSender fcm) {
        this.fcm = fcm;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("FCM client");
        if (!fcm.configured()) {
            return response.up().withData("configured", false).build();
        }
        String failure = fcm.tokenFailure().orElse(null);
        response.withData("configured", true).withData("project", fcm.project().orElse(""));
        return failure == null ? response.up().build() : response.down().withData("token", failure).build();
    }
}
