package com.mobilityha.gateway.call;

import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import com.mobilityha.common.session.SessionAuthenticator;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionRecord.ActiveCall;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.common.session.SessionRepository;
import com.mobilityha.common.session.SessionStatus;
import com.mobilityha.gateway.connect.ConnectCalls;
import com.mobilityha.gateway.connect.ConnectClients;
import com.mobilityha.gateway.connect.ConnectConfig;
import com.mobilityha.gateway.events.EndedContacts;
import com.mobilityha.gateway.integration.CallEvent;
import com.mobilityha.gateway.integration.CallEvents;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Places an outbound call for the session's agent (to the agent's own queue, so the call rings on
 * their phone configuration) to a number the company's dialing rules allow, and hangs it up; the
 * call in progress is kept on the session so that a failover knows about it (S10, S11).
 */
@ApplicationScoped
public class CallService {
    private final ConnectClients clients;
    private final ConnectCalls calls;
    private final SessionRepository sessions;
    private final ConnectConfig config;
    private final CallEvents events;
    private final EndedContacts ended;
    private final CompanyDirectory companies;

    CallService(ConnectClients clients, ConnectCalls calls, SessionRepository sessions, ConnectConfig config,
                CallEvents events, EndedContacts ended, CompanyDirectory companies) {
        this.ended = ended;
        this.companies = companies;
        this.clients = clients;
        this.calls = calls;
        this.sessions = sessions;
        this.config = config;
        this.events = events;
    }

    /**
     * Places the call and puts it on the session as the session is once Connect answered: a session logged out
     * meanwhile answers 401, one marked RELOGIN_REQUIRED meanwhile (its instance failed) the relogin problem,
     * and either stays as it is (a copy read before the call would have undone the logout or the mark).
     */
    public ActiveCall start(SessionRecord session, String destination) {
        companies.require(session.companyCode()).dialing().check("destination", destination);
        requireActive(session);
        if (session.call() != null) {
            throw new ProblemException(ProblemType.CALL_IN_PROGRESS, "Hang up contact " + session.call().contactId() + " first");
        }
        InstanceRef instance = session.instance();
        String flow = contactFlow(instance).orElseThrow(() -> new ProblemException(ProblemType.CALLS_NOT_CONFIGURED,
                "Ask your administrator to configure the outbound contact flow"));
        String contactId = calls.write(instance, "StartOutboundVoiceContact", () -> clients.of(instance)
                .startOutboundVoiceContact(r -> r.instanceId(instance.instanceId()).contactFlowId(flow)
                        .destinationPhoneNumber(destination).queueId(session.user().connectUserId())
                        .clientToken(UUID.randomUUID().toString()))
                .contactId());
        ActiveCall call = new ActiveCall(contactId, Instant.now());
        SessionAuthenticator.usable(sessions.update(session,
                current -> Optional.of(requireActive(SessionAuthenticator.usable(Optional.of(current))).withCall(call))));
        events.record(CallEvent.STARTED, session, contactId);
        return call;
    }

    /**
     * Hangs up the session's call. A call Connect no longer has in progress (the customer hung up first,
     * and the agent event saying so is still on its way) is over all the same.
     */
    public void hangUp(SessionRecord session, String contactId) {
        if (session.call() == null || !session.call().contactId().equals(contactId)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No call " + contactId + " on this session");
        }
        InstanceRef instance = session.instance();
        try {
            calls.write(instance, "StopContact", () -> clients.of(instance)
                    .stopContact(r -> r.instanceId(instance.instanceId()).contactId(contactId)));
        } catch (ProblemException e) {
            if (!e.problem().getType().equals(ProblemType.INVALID_REQUEST.uri())) {
                throw e;
            }
        }
        ended.remember(contactId);
        sessions.update(session, current -> Optional.of(current)
                .filter(s -> s.call() != null && contactId.equals(s.call().contactId())).map(s -> s.withCall(null)));
        events.record(CallEvent.ENDED, session, contactId);
    }

    private Optional<String> contactFlow(InstanceRef instance) {
        return Optional.ofNullable(config.instances().get(instance.instanceId()))
                .flatMap(ConnectConfig.InstanceSettings::outboundContactFlowId)
                .or(config::outboundContactFlowId);
    }

    private static SessionRecord requireActive(SessionRecord session) {
        if (session.status() != SessionStatus.ACTIVE) {
            throw new ProblemException(ProblemType.RELOGIN_REQUIRED, "Sign in again before calling");
        }
        return session;
    }
}
