package com.mobilityha.login.downstream;

import com.mobilityha.common.contract.NewSession;
import com.mobilityha.common.contract.NewSessionRequest;
import com.mobilityha.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The site's session-service as login-service uses it. */
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

    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 2000, skipOn = ProblemException.class)
    NewSession guardedCreate(NewSessionRequest request) {
        return api.create(request);
    }
}
