package com.mobilityha.session.downstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityha.common.problem.Downstream;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.Map;

/** The site's connect-gateway as session-service uses it: a logout's agent status, the console's fail-backs. */
@ApplicationScoped
public class ConnectGateway {
    private static final Map<String, String> OFFLINE = Map.of("status", "Offline");

    private final ConnectGatewayAgentApi agent;
    private final ConnectGatewayAdminApi admin;

    ConnectGateway(@RestClient ConnectGatewayAgentApi agent, @RestClient ConnectGatewayAdminApi admin) {
        this.agent = agent;
        this.admin = admin;
    }

    /** Sets the agent of the session of this bearer token Offline on its Connect instance. */
    public void setAgentOffline(String authorization) {
        Downstream.run("connect-gateway", () -> guardedSetAgentOffline(authorization));
    }

    @Timeout
    void guardedSetAgentOffline(String authorization) {
        agent.setStatus(authorization, OFFLINE);
    }

    /**
     * Starts an administrator's fail-back to the primary instance; connect-gateway's 202 fail-back report.
     * With the request's {@code Idempotency-Key} (null: none), a retry starts nothing again.
     */
    public JsonNode startFailback(String authorization, String idempotencyKey, JsonNode request) {
        return Downstream.call(() -> guardedStartFailback(authorization, idempotencyKey, request),
                AdminActions::unanswered);
    }

    @Timeout
    JsonNode guardedStartFailback(String authorization, String idempotencyKey, JsonNode request) {
        return admin.start(authorization, idempotencyKey, request);
    }
}
