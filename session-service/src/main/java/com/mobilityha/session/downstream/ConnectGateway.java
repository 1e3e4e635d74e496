package com.mobilityha.session.downstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityha.common.problem.Downstream;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.Map;

/**
 * The site's connect-gateway as session-service uses it: a logout's agent status, the console's fail-backs and
 * Global Resiliency traffic shifts.
 */
@ApplicationScoped
public class ConnectGateway {
    private static final Map<String, String> OFFLINE = Map.of("status", "Offline");

    private final ConnectGatewayAgentApi agent;
    private final ConnectGatewayAdminApi admin;
    private final ConnectGatewayTrafficApi traffic;

    ConnectGateway(@RestClient ConnectGatewayAgentApi agent, @RestClient ConnectGatewayAdminApi admin,
                   @RestClient ConnectGatewayTrafficApi traffic) {
        this.agent = agent;
        this.admin = admin;
        this.traffic = traffic;
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

    /** B3: the company's traffic distribution per Region of its Global Resiliency pair, and its latest shift. */
    public JsonNode trafficDistribution(String authorization, String companyCode) {
        return Downstream.call("connect-gateway", () -> guardedTrafficDistribution(authorization, companyCode));
    }

    @Timeout
    JsonNode guardedTrafficDistribution(String authorization, String companyCode) {
        return traffic.distribution(authorization, companyCode);
    }

    /**
     * B3: shifts the company's traffic to a Region (the source's: a fail-back); connect-gateway's 202 shift. With the
     * request's {@code Idempotency-Key} (null: none), a retry starts nothing again.
     */
    public JsonNode shiftTraffic(String authorization, String idempotencyKey, String companyCode, JsonNode request) {
        return Downstream.call(() -> guardedShiftTraffic(authorization, idempotencyKey, companyCode, request),
                AdminActions::unanswered);
    }

    @Timeout
    JsonNode guardedShiftTraffic(String authorization, String idempotencyKey, String companyCode, JsonNode request) {
        return traffic.shift(authorization, idempotencyKey, companyCode, request);
    }
}
