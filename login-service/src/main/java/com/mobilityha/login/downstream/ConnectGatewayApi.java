package com.mobilityha.login.downstream;

import com.mobilityha.common.contract.AgentLoginRequest;
import com.mobilityha.common.contract.AgentLoginResult;
import com.mobilityha.common.problem.DownstreamProblems;
import com.mobilityha.common.servicetoken.ServiceTokenHeader;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** connect-gateway's internal API. */
@Path("/internal/v1")
@RegisterRestClient(configKey = "connect-gateway")
@RegisterProvider(DownstreamProblems.class)
@RegisterProvider(ServiceTokenHeader.class)
interface ConnectGatewayApi {

    @POST
    @Path("/agent-logins")
    AgentLoginResult login(AgentLoginRequest request);

    @GET
    @Path("/agent-logins/next-instance/{companyCode}")
    InstanceRef nextInstance(@PathParam("companyCode") String companyCode);
}
