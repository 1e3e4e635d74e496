package com.mobilityha.session.downstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityha.common.ops.AuditedActions;
import com.mobilityha.common.problem.DownstreamProblems;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** notifier-service's admin API of ad-hoc notifications (S13), called with an administrator's access token. */
@Path("/api/v1/admin/notifications")
@RegisterRestClient(configKey = "notifier-admin")
@RegisterProvider(DownstreamProblems.class)
interface NotifierAdminApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    JsonNode send(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                  @HeaderParam(AuditedActions.IDEMPOTENCY_KEY) String idempotencyKey, JsonNode request);
}
