package com.mobilityha.notifier.fcm;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/** FCM HTTP v1: {@code POST /v1/projects/{project}/messages:send}. */
@Path("/v1/projects/{project}")
interface FcmApi {

    @POST
    @Path("/messages:send")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    CompletionStage<Response> send(@PathParam("project") String project,
                                   @HeaderParam("Authorization") String authorization,
                                   Map<String, Object> body);
}
