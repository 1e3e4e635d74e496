package com.mobilityha.session.logout;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.Map;

/** The site's services a logout asks, each with the session's own bearer token. */
final class LogoutApis {
    private LogoutApis() {
    }

    /** notifier-service: the session's push registrations. */
    @RegisterRestClient(configKey = "notifier-service")
    @Path("/api/v1/devices/current")
    interface Notifier {
        @DELETE
        void unregisterDevices(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
    }

    /** connect-gateway: the agent's status on the session's Connect instance. */
    @RegisterRestClient(configKey = "connect-gateway")
    @Path("/api/v1/agent/status")
    interface Gateway {
        @PUT
        @Consumes(MediaType.APPLICATION_JSON)
        void setStatus(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, Map<String, String> status);
    }

    /** login-service: the IdP refresh token of an SSO session. */
    @RegisterRestClient(configKey = "login-service")
    @Path("/internal/v1/sso-revocations")
    interface Login {
        @POST
        void revokeRefreshToken(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
    }
}
