package com.mobilityha.gateway.startup;

import com.mobilityha.common.servicetoken.ServiceTokens;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The gateway's secrets, checked when it starts (a missing or malformed one stops the start with a
 * message naming it): the service-token key its internal API checks login-service's calls with.
 * Connect's AWS credentials come from the pod's role and are checked by the first probe.
 */
@ApplicationScoped
class SecretsAtStart {

    void check(@Observes StartupEvent start, ServiceTokens serviceTokens) {
        serviceTokens.requireKey();
    }
}
