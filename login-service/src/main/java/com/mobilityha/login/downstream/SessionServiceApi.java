package com.mobilityha.login.downstream;

import com.mobilityha.common.contract.NewSession;
import com.mobilityha.common.contract.NewSessionRequest;
import com.mobilityha.common.problem.DownstreamProblems;
import com.mobilityha.common.servicetoken.ServiceTokenHeader;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** session-service's internal API. */
@Path("/internal/v1/sessions")
@RegisterRestClient(configKey = "session-service")
@RegisterProvider(DownstreamProblems.class)
@RegisterProvider(ServiceTokenHeader.class)
interface SessionServiceApi {

    @POST
    NewSession create(NewSessionRequest request);
}
