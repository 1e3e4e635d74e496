package com.mobilityha.session.session;

import com.mobilityha.common.session.SessionAuthenticator;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.session.logout.Logout;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The app's own session: read from the event loop (one non-blocking Redis GET), or logged out. */
@Path("/api/v1/session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {
    private final SessionAuthenticator authenticator;
    private final Logout logout;

    SessionResource(SessionAuthenticator authenticator, Logout logout) {
        this.authenticator = authenticator;
        this.logout = logout;
    }

    @GET
    @Operation(summary = "The calling session: user, company, Connect instance, site, status, call")
    public Uni<SessionRecord> current(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return authenticator.authenticateAsync(authorization);
    }

    @DELETE
    @Blocking
    @Operation(summary = "Log out: devices unregistered, agent Offline, IdP refresh token revoked, session ENDED")
    public Response logout(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        logout.logout(authorization);
        return Response.noContent().build();
    }
}
