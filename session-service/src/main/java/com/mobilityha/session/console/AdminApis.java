package com.mobilityha.session.console;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The admin APIs of the site's services that own the console's actions; each is called with the
 * administrator's own access token, so it authorizes, validates and audits the action itself.
 */
final class AdminApis {
    private AdminApis() {
    }

    /** notifier-service: ad-hoc notifications (S13). */
    @RegisterRestClient(configKey = "notifier-admin")
    @Path("/api/v1/admin/notifications")
    interface Notifier {
        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        @Produces(MediaType.APPLICATION_JSON)
        JsonNode send(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, JsonNode request);
    }

    /** connect-gateway: fail-back to the primary instance (S9, B2). */
    @RegisterRestClient(configKey = "gateway-admin")
    @Path("/api/v1/admin/failbacks")
    interface Gateway {
        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        @Produces(MediaType.APPLICATION_JSON)
        JsonNode start(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, JsonNode request);
    }
}
