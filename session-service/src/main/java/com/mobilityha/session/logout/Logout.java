package com.mobilityha.session.logout;

import com.mobilityha.common.agent.OfflineDuties;
import com.mobilityha.common.agent.OfflineDuty;
import com.mobilityha.common.session.SessionAuthenticator;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.session.downstream.ConnectGateway;
import com.mobilityha.session.downstream.LoginService;
import com.mobilityha.session.downstream.NotifierService;
import com.mobilityha.session.session.SessionStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Logs a session out. The app's devices are unregistered first (no push may reach a phone that
 * logged out), then the agent is set Offline on Connect (no call may be routed to them; also for a session
 * awaiting a re-login, whose agent is still Available on the instance that failed once it is back), then the
 * IdP refresh token is revoked; each of these is best effort, bounded by its client's timeout and
 * counted ({@code mobility_logout_steps_total{step,outcome}}), and the session always ends: a user who
 * asks to be logged out is, even when a dependency is down or hangs.
 * <p>
 * Offline is not left to chance, though: when connect-gateway does not confirm it, an {@link OfflineDuty} is
 * queued durably before the session ends ({@link OfflineDuties}, counted as the step
 * {@code agent-offline-duty}), and a gateway of either site carries it out once it can. A logout whose duty
 * cannot be queued (Redis unavailable) fails before the session ends, so that the app's retry does it all again.
 */
@ApplicationScoped
public class Logout {
    private static final Logger LOG = Logger.getLogger(Logout.class);

    private final SessionAuthenticator authenticator;
    private final SessionStore store;
    private final NotifierService notifier;
    private final ConnectGateway gateway;
    private final LoginService login;
    private final OfflineDuties offlineDuties;
    private final MeterRegistry metrics;

    Logout(SessionAuthenticator authenticator, SessionStore store, NotifierService notifier, ConnectGateway gateway,
           LoginService login, OfflineDuties offlineDuties, MeterRegistry metrics) {
        this.authenticator = authenticator;
        this.store = store;
        this.notifier = notifier;
        this.gateway = gateway;
        this.login = login;
        this.offlineDuties = offlineDuties;
        this.metrics = metrics;
    }

    /** Logs out the session of this bearer token (ACTIVE or waiting for a re-login); the ended session. */
    public SessionRecord logout(String authorization) {
        SessionAuthenticator.AuthenticatedSession current = authenticator.resolve(authorization);
        SessionRecord session = current.session();
        step(session, "devices", () -> notifier.unregisterDevices(authorization));
        // Awaiting a re-login too: the agent is still Available on the instance that failed, and will be when it
        // is back (the gateway cannot reach it now, so this is then a duty, carried out once it answers).
        if (!step(session, "agent-offline", () -> gateway.setAgentOffline(authorization))) {
            offlineDuties.queue(OfflineDuty.of(session, Instant.now()));
            metrics.counter("mobility.logout.steps", "step", "agent-offline-duty", "outcome", "queued").increment();
            LOG.infof("Logout of session %s: the agent is to be set Offline by a gateway later", session.sessionId());
        }
        step(session, "idp-revocation", () -> login.revokeRefreshToken(authorization));
        return store.end(current.tokenHash(), session);
    }

    /** Runs a best-effort step; true when it was done. */
    private boolean step(SessionRecord session, String step, Runnable call) {
        String outcome = "done";
        try {
            call.run();
        } catch (RuntimeException e) {
            outcome = "failed";
            LOG.warnf("Logout of session %s: %s not done (%s); the session ends anyway", session.sessionId(), step,
                    e.getMessage());
        }
        metrics.counter("mobility.logout.steps", "step", step, "outcome", outcome).increment();
        return outcome.equals("done");
    }
}
