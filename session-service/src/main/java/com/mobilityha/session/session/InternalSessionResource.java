package com.mobilityha.session.session;

import com.mobilityha.common.contract.NewSessionRequest;
import com.mobilityha.common.servicetoken.CalledBy;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Sessions made by login-service after a Connect login (cluster-internal, not routed by the
 * ingress; login-service's service token only). The app ends its session itself (logout).
 */
@Path("/internal/v1/sessions")
@CalledBy("login-service")
@Produces(MediaType.APPLICATION_JSON)
public class InternalSessionResource {
    private final SessionStore store;

    InternalSessionResource(SessionStore store) {
        this.store = store;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a session for a user logged in to Amazon Connect")
    public Response create(NewSessionRequest request) {
        NewSessionRequest.validate(request);
        return Response.status(Response.Status.CREATED).entity(store.create(request)).build();
    }
}
