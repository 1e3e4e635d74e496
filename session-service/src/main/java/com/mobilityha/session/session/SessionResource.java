package com.mobilityha.session.session;

import com.mobilityha.common.session.SessionAuthenticator;
import com.mobilityha.common.session.SessionRecord;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The app's own session, read from the event loop (one non-blocking Redis GET); logging it out
 * ({@code DELETE} at the same path) is the logout feature's ({@code session.logout}).
 */
@Path("/api/v1/session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {
    private final SessionAuthenticator authenticator;

    SessionResource(SessionAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @GET
    @Operation(summary = "The calling session: user, company, Connect instance, site, status, call")
    public Uni<SessionRecord> current(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return authenticator.authenticateAsync(authorization);
    }
}
