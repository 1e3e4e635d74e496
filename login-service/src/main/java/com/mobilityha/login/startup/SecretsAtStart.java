package com.mobilityha.login.startup;

import com.mobilityha.common.servicetoken.ServiceTokens;
import com.mobilityha.login.sso.RefreshTokenVault;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * login-service's secrets, checked when it starts (a missing or malformed one stops the start with a
 * message naming it): the service-token key of its calls to session-service and the gateway, and, as
 * soon as one company signs in through SSO, the key that seals IdP refresh tokens. Found only at the
 * first SSO completion, a missing one would fail that login after the agent was made Available in
 * Connect and given a session.
 */
@ApplicationScoped
class SecretsAtStart {

    void check(@Observes StartupEvent start, ServiceTokens serviceTokens, RefreshTokenVault refreshTokens) {
        serviceTokens.requireKey();
        refreshTokens.requireKeys();
    }
}
