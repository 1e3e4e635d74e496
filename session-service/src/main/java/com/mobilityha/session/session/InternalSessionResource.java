package com.mobilityha.session.session;

import com.mobilityha.common.contract.NewSessionRequest;
import com.mobilityha.common.session.SessionAuthenticator;
import com.mobilityha.common.session.SessionRecord;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Session lifecycle for login-service (cluster-internal, not routed by the ingress): create after
 * a Connect login, end at logout.
 */
@Path("/internal/v1/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class InternalSessionResource {
    private final SessionStore store;
    private final SessionAuthenticator authenticator;

    InternalSessionResource(SessionStore store, SessionAuthenticator authenticator) {
        this.store = store;
        this.authenticator = authenticator;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a session for a user logged in to Amazon Connect")
    public Response create(NewSessionRequest request) {
        NewSessionRequest.validate(request);
        return Response.status(Response.Status.CREATED).entity(store.create(request)).build();
    }

    @DELETE
    @Path("/current")
    @Operation(summary = "End the session of this bearer token")
    public SessionRecord end(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        SessionAuthenticator.AuthenticatedSession current = authenticator.resolve(authorization);
        return store.end(current.tokenHash(), current.session());
    }
}
