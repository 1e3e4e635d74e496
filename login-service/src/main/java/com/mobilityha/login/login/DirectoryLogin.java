package com.mobilityha.login.login;

import com.mobilityha.common.company.Company;
import com.mobilityha.common.contract.AgentLoginRequest;
import com.mobilityha.common.contract.AgentLoginResult;
import com.mobilityha.common.contract.NewSession;
import com.mobilityha.common.contract.NewSessionRequest;
import com.mobilityha.common.session.SessionRecord.SessionUser;
import com.mobilityha.login.directory.DirectoryAuthenticator;
import com.mobilityha.login.downstream.ConnectGateway;
import com.mobilityha.login.downstream.SessionService;
import com.mobilityha.login.timing.LoginTimings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Non-SSO login (S14): the company directory checks the credentials, connect-gateway logs the user
 * in to Amazon Connect, session-service stores the session shared by both sites.
 */
@ApplicationScoped
public class DirectoryLogin {
    private static final Logger LOG = Logger.getLogger(DirectoryLogin.class);

    private final DirectoryAuthenticator directory;
    private final ConnectGateway gateway;
    private final SessionService sessions;
    private final MeterRegistry registry;
    private final LoginTimings timings;

    DirectoryLogin(DirectoryAuthenticator directory, ConnectGateway gateway, SessionService sessions,
                   MeterRegistry registry, LoginTimings timings) {
        this.timings = timings;
        this.directory = directory;
        this.gateway = gateway;
        this.sessions = sessions;
        this.registry = registry;
    }

    /**
     * Logs the user in and returns the new session with its token; {@code passwordAccepted} runs once the
     * directory accepted the password, before Amazon Connect is asked.
     */
    public NewSession login(Company company, LoginRequest request, Runnable passwordAccepted) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "error";
        try {
            timings.time("idp", () -> directory.authenticate(company, request.username(), request.password()));
            passwordAccepted.run();
            AgentLoginResult agent = timings.time("connect", () -> gateway.login(new AgentLoginRequest(company.code(),
                    request.username(), request.phoneNumber())));
            NewSession session = timings.time("session", () -> sessions.create(new NewSessionRequest(company.code(),
                    new SessionUser(request.username(), agent.connectUserId()), agent.instance())));
            outcome = "success";
            LOG.infof("Directory login for company %s on %s instance: session %s", company.code(),
                    agent.instance().role(), session.session().sessionId());
            return session;
        } finally {
            sample.stop(registry.timer("mobility.login", "method", "directory", "outcome", outcome));
        }
    }
}
