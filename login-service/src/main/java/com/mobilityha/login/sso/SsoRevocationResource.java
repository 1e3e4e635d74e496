package com.mobilityha.login.sso;

import com.mobilityha.common.servicetoken.CalledBy;
import com.mobilityha.common.session.SessionAuthenticator;
import com.mobilityha.common.session.SessionRecord;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Optional;

/**
 * Logout's IdP step for session-service (cluster-internal, not routed by the ingress; session-service's
 * service token, and the session's own bearer token): the session's refresh token is taken out of the
 * vault and revoked at the IdP application it came from.
 */
@Path("/internal/v1/sso-revocations")
@CalledBy("session-service")
public class SsoRevocationResource {
    private final SessionAuthenticator authenticator;
    private final RefreshTokenVault vault;
    private final IdentityProviders providers;
    private final MeterRegistry metrics;

    SsoRevocationResource(SessionAuthenticator authenticator, RefreshTokenVault vault, IdentityProviders providers,
                          MeterRegistry metrics) {
        this.authenticator = authenticator;
        this.vault = vault;
        this.providers = providers;
        this.metrics = metrics;
    }

    @POST
    @Operation(summary = "Revoke the IdP refresh token of the bearer's SSO session (logout); 204 also when it has none")
    public Response revoke(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        SessionRecord session = authenticator.authenticate(authorization);
        Optional<String> refreshToken = vault.take(session.sessionId());
        if (refreshToken.isPresent()) {
            boolean revoked = providers.application(session.companyCode(), session.instance().role())
                    .revoke(refreshToken.get());
            metrics.counter("mobility.sso.revocations", "outcome", revoked ? "revoked" : "not-revoked").increment();
        }
        return Response.noContent().build();
    }
}
