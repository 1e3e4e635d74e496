package com.mobilityha.login.downstream;

import com.mobilityha.common.contract.AgentLoginRequest;
import com.mobilityha.common.contract.AgentLoginResult;
import com.mobilityha.common.problem.Downstream;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * The site's connect-gateway as login-service uses it. The breakers open only on the gateway being
 * unreachable, never on the problems it answers (unknown user, instance down); their thresholds and
 * the timeout are configured ({@code quarkus.fault-tolerance."<this class>/<method>".…}).
 */
@ApplicationScoped
public class ConnectGateway {
    private static final Logger LOG = Logger.getLogger(ConnectGateway.class);
    private final ConnectGatewayApi api;

    ConnectGateway(@RestClient ConnectGatewayApi api) {
        this.api = api;
    }

    /** Logs the user in to the company's Connect instance. */
    public AgentLoginResult login(AgentLoginRequest request) {
        return Downstream.call("connect-gateway", () -> guardedLogin(request));
    }

    @CircuitBreaker(skipOn = ProblemException.class)
    AgentLoginResult guardedLogin(AgentLoginRequest request) {
        return api.login(request);
    }

    /**
     * B1: the instance the gateway would send a new login to (the first one it does not see DOWN);
     * empty when the gateway cannot tell quickly, and the caller falls back to the primary.
     */
    public Optional<InstanceRef> nextInstance(String companyCode) {
        try {
            return Optional.of(Downstream.call("connect-gateway", () -> guardedNextInstance(companyCode)));
        } catch (ProblemException e) {
            LOG.infof("Instance health of %s unknown (%s); starting on the primary", companyCode, e.getMessage());
            return Optional.empty();
        }
    }

    @Timeout
    @CircuitBreaker(skipOn = ProblemException.class)
    InstanceRef guardedNextInstance(String companyCode) {
        return api.nextInstance(companyCode);
    }
}
