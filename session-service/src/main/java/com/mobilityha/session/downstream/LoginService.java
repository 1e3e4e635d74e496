package com.mobilityha.session.downstream;

import com.mobilityha.common.problem.Downstream;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The site's login-service as session-service uses it: a logout's IdP refresh token. */
@ApplicationScoped
public class LoginService {
    private final LoginServiceApi api;

    LoginService(@RestClient LoginServiceApi api) {
        this.api = api;
    }

    /** Revokes the IdP refresh token of the SSO session of this bearer token (none for a directory session). */
    public void revokeRefreshToken(String authorization) {
        Downstream.run("login-service", () -> guardedRevokeRefreshToken(authorization));
    }

    @Timeout
    void guardedRevokeRefreshToken(String authorization) {
        api.revokeRefreshToken(authorization);
    }
}
