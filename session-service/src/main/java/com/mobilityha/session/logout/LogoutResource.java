package com.mobilityha.session.logout;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The app logs its own session out (the session itself is read at the same path, {@code SessionResource}). */
@Path("/api/v1/session")
public class LogoutResource {
    private final Logout logout;

    LogoutResource(Logout logout) {
        this.logout = logout;
    }

    @DELETE
    @Blocking
    @Operation(summary = "Log out: devices unregistered, agent Offline, IdP refresh token revoked, session ENDED")
    public Response logout(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        logout.logout(authorization);
        return Response.noContent().build();
    }
}
