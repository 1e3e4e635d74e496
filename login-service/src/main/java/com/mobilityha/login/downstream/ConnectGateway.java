package com.mobilityha.login.downstream;

import com.mobilityha.common.contract.AgentLoginRequest;
import com.mobilityha.common.contract.AgentLoginResult;
import com.mobilityha.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The site's connect-gateway as login-service uses it. The breaker opens only on the gateway being
 * unreachable, never on the problems it answers (unknown user, instance down).
 */
@ApplicationScoped
public class ConnectGateway {
    private final ConnectGatewayApi api;

    ConnectGateway(@RestClient ConnectGatewayApi api) {
        this.api = api;
    }

    /** Logs the user in to the company's Connect instance. */
    public AgentLoginResult login(AgentLoginRequest request) {
        return Downstream.call("connect-gateway", () -> guardedLogin(request));
    }

    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2000, skipOn = ProblemException.class)
    AgentLoginResult guardedLogin(AgentLoginRequest request) {
        return api.login(request);
    }
}
