package com.mobilityha.session.downstream;

import com.mobilityha.common.problem.DownstreamProblems;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.Map;

/** connect-gateway's API of the agent's status on the session's Connect instance, called with the session's bearer token. */
@Path("/api/v1/agent/status")
@RegisterRestClient(configKey = "connect-gateway")
@RegisterProvider(DownstreamProblems.class)
interface ConnectGatewayAgentApi {

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    void setStatus(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, Map<String, String> status);
}
