package com.mobilityha.session.downstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityha.common.ops.AuditedActions;
import com.mobilityha.common.problem.DownstreamProblems;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * connect-gateway's admin API of a Global Resiliency company's traffic distribution and its shifts (B3), called
 * with an administrator's access token.
 */
@Path("/api/v1/admin/traffic-distributions/{companyCode}")
@RegisterRestClient(configKey = "gateway-admin")
@RegisterProvider(DownstreamProblems.class)
interface ConnectGatewayTrafficApi {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    JsonNode distribution(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                          @PathParam("companyCode") String companyCode);

    @POST
    @Path("/shifts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    JsonNode shift(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                   @HeaderParam(AuditedActions.IDEMPOTENCY_KEY) String idempotencyKey,
                   @PathParam("companyCode") String companyCode, JsonNode request);
}
