package com.mobilityha.login.downstream;

import com.mobilityha.common.contract.NewSession;
import com.mobilityha.common.contract.NewSessionRequest;
import com.mobilityha.common.problem.Downstream;
import com.mobilityha.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The site's session-service as login-service uses it. The breaker opens only on session-service
 * being unreachable; its thresholds are configured
 * ({@code quarkus.fault-tolerance."<this class>/guardedCreate".circuit-breaker.…}).
 */
@ApplicationScoped
public class SessionService {
    private final SessionServiceApi api;

    SessionService(@RestClient SessionServiceApi api) {
        this.api = api;
    }

    /** Creates the session of a user now logged in to Connect. */
    public NewSession create(NewSessionRequest request) {
        return Downstream.call("session-service", () -> guardedCreate(request));
    }

    @CircuitBreaker(skipOn = ProblemException.class)
    NewSession guardedCreate(NewSessionRequest request) {
        return api.create(request);
    }
}
