package com.mobilityha.gateway.agent;

import com.mobilityha.common.contract.AgentLoginRequest;
import com.mobilityha.common.contract.AgentLoginResult;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Agent login for login-service (cluster-internal, not routed by the ingress). */
@Path("/internal/v1/agent-logins")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AgentLoginResource {
    private final AgentService agents;

    AgentLoginResource(AgentService agents) {
        this.agents = agents;
    }

    @POST
    @Operation(summary = "Log a directory user in to the company's Connect instance and make them Available")
    public AgentLoginResult login(AgentLoginRequest request) {
        AgentLoginRequest.validate(request);
        return agents.login(request);
    }
}
