package com.mobilityha.gateway.agent;

import com.mobilityha.common.contract.AgentLoginRequest;
import com.mobilityha.common.contract.AgentLoginResult;
import com.mobilityha.common.servicetoken.CalledBy;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Agent login for login-service (cluster-internal, not routed by the ingress; login-service's service token only). */
@Path("/internal/v1/agent-logins")
@CalledBy("login-service")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AgentLoginResource {
    private final AgentService agents;

    AgentLoginResource(AgentService agents) {
        this.agents = agents;
    }

    @POST
    @Operation(summary = "Log a user in to the company's Connect instance (or the one named) and make them Available")
    public AgentLoginResult login(AgentLoginRequest request) {
        AgentLoginRequest.validate(request);
        return agents.login(request);
    }

    @GET
    @Path("/next-instance/{companyCode}")
    @Operation(summary = "B1: the Connect instance a new SSO login should sign in to (the first one not DOWN)")
    public InstanceRef loginInstance(@PathParam("companyCode") String companyCode) {
        return agents.loginInstance(companyCode);
    }
}
