package com.mobilityha.gateway.agent;

import com.mobilityha.common.problem.Validator;
import com.mobilityha.common.reachability.PhoneReachability;
import com.mobilityha.common.session.SessionAuthenticator;
import com.mobilityha.common.session.SessionRecord;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * The app lists and sets its agent status on the Connect instance of its session; a status the agent sets
 * clears the watchdog's mark of a phone made unreachable (B8).
 */
@Path("/api/v1/agent")
@Produces(MediaType.APPLICATION_JSON)
public class AgentStatusResource {
    private static final Logger LOG = Logger.getLogger(AgentStatusResource.class);
    private final AgentService agents;
    private final SessionAuthenticator authenticator;
    private final PhoneReachability reachability;

    AgentStatusResource(AgentService agents, SessionAuthenticator authenticator, PhoneReachability reachability) {
        this.agents = agents;
        this.authenticator = authenticator;
        this.reachability = reachability;
    }

    @GET
    @Path("/statuses")
    @Operation(summary = "Agent statuses offered by the session's Connect instance")
    public List<AgentStatus> statuses(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return agents.statuses(authenticator.authenticate(authorization).instance());
    }

    @PUT
    @Path("/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the agent status by name, e.g. {\"status\":\"Available\"}; the agent's choice ends "
            + "what the reachability watchdog set while the phone was silent")
    public AgentStatus setStatus(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                 StatusChange change) {
        SessionRecord session = authenticator.authenticate(authorization);
        Validator.of(change).text("status", change.status(), 127, null).done();
        AgentStatus status = agents.setStatus(session, change.status());
        try {
            reachability.cleared(session.sessionId());
        } catch (RuntimeException e) {
            // Connect has the agent's choice; the mark left would only have the app offer it once more
            LOG.warnf("Reachability mark of session %s not cleared: %s", session.sessionId(), e.getMessage());
        }
        return status;
    }

    /** The requested status. */
    @RegisterForReflection
    public record StatusChange(String status) {
    }
}
