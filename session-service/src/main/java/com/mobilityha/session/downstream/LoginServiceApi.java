package com.mobilityha.session.downstream;

import com.mobilityha.common.problem.DownstreamProblems;
import com.mobilityha.common.servicetoken.ServiceTokenHeader;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** login-service's internal API of IdP refresh tokens of SSO sessions, called with the session's bearer token. */
@Path("/internal/v1/sso-revocations")
@RegisterRestClient(configKey = "login-service")
@RegisterProvider(DownstreamProblems.class)
@RegisterProvider(ServiceTokenHeader.class)
interface LoginServiceApi {

    @POST
    void revokeRefreshToken(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
}
