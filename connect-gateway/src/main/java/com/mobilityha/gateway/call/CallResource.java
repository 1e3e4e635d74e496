package com.mobilityha.gateway.call;

import com.mobilityha.common.problem.Validator;
import com.mobilityha.common.session.SessionAuthenticator;
import com.mobilityha.common.session.SessionRecord.ActiveCall;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.regex.Pattern;

/** The agent's outbound calls. */
@Path("/api/v1/calls")
@Produces(MediaType.APPLICATION_JSON)
public class CallResource {
    private static final Pattern CONTACT_ID = Pattern.compile("[A-Za-z0-9-]{1,128}");

    private final SessionAuthenticator authenticator;
    private final CallService calls;

    CallResource(SessionAuthenticator authenticator, CallService calls) {
        this.authenticator = authenticator;
        this.calls = calls;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Call a number (E.164) from the agent's Connect phone → 201 {contactId, startedAt}")
    public Response call(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, NewCall request) {
        var session = authenticator.authenticate(authorization);
        Validator.of(request).text("destination", request.destination(), 16, Validator.E164).done();
        ActiveCall call = calls.start(session, request.destination());
        return Response.status(Response.Status.CREATED).entity(call).build();
    }

    @DELETE
    @Path("/{contactId}")
    @Operation(summary = "Hang up the session's call")
    public Response hangUp(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @PathParam("contactId") String contactId) {
        var session = authenticator.authenticate(authorization);
        Validator.of(contactId).text("contactId", contactId, 128, CONTACT_ID).done();
        calls.hangUp(session, contactId);
        return Response.noContent().build();
    }

    /** The number to call. */
    @RegisterForReflection
    public record NewCall(String destination) {
    }
}
