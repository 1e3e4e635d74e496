package com.mobilityha.session.downstream;

import com.mobilityha.common.problem.DownstreamProblems;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** notifier-service's API of a session's push registrations, called with the session's bearer token. */
@Path("/api/v1/devices/current")
@RegisterRestClient(configKey = "notifier-service")
@RegisterProvider(DownstreamProblems.class)
interface NotifierDevicesApi {

    @DELETE
    void unregister(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
}
