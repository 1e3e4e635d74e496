package com.mobilityha.gateway.events;

import com.mobilityha.common.company.Company;
import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.notification.Notification;
import com.mobilityha.common.notification.NotificationPublisher;
import com.mobilityha.common.notification.PushKind;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionRecord.ActiveCall;
import com.mobilityha.common.session.SessionRepository;
import com.mobilityha.common.session.SessionStatus;
import com.mobilityha.gateway.integration.CallEvent;
import com.mobilityha.gateway.integration.CallEvents;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the session's call true to Connect, from the agent's events: a call that ended however it
 * ended (customer hang-up, missed, transferred away, an error) leaves the session, so the agent can
 * call again; a call the app did not start (inbound, transferred in, placed elsewhere) joins it, so
 * failovers know about it (S10, S11). Either way the agent's phone gets a silent WAKE (a background
 * push, nothing shown) to refresh.
 * <p>
 * A snapshot lists all the agent's contacts, but events can be read late: a call ends when the event
 * shows it ended (a final state, or gone from the contacts it was listed in before), or when an event
 * published well after the call joined the session no longer lists it (an ending event was missed);
 * a call joins only from an event published after the session began.
 */
@ApplicationScoped
public class CallsFromEvents {
    private static final Logger LOG = Logger.getLogger(CallsFromEvents.class);
    /** Contacts placed with StartOutboundVoiceContact: the app's own calls, already on the session and reported. */
    private static final String PLACED_BY_API = "API";
    /** How much later than a call's start an event must be for the call's absence from it to end the call (clock skew, in-flight events). */
    private static final Duration ABSENCE_MARGIN = Duration.ofSeconds(2);

    private final CompanyDirectory companies;
    private final SessionRepository sessions;
    private final EndedContacts ended;
    private final CallEvents callEvents;
    private final NotificationPublisher publisher;
    private final MeterRegistry metrics;

    CallsFromEvents(CompanyDirectory companies, SessionRepository sessions, EndedContacts ended, CallEvents callEvents,
                    NotificationPublisher publisher, MeterRegistry metrics) {
        this.companies = companies;
        this.sessions = sessions;
        this.ended = ended;
        this.callEvents = callEvents;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /** What applying one event did. */
    enum Outcome { APPLIED, UNCHANGED, NO_SESSION, UNKNOWN_INSTANCE, IGNORED }

    Outcome apply(AgentEvent event) {
        if (!AgentEvent.STATE_CHANGE.equals(event.type())) {
            return Outcome.IGNORED;
        }
        List<Company> owners = companies.all().stream().filter(c -> c.instance(event.instanceId()).isPresent()).toList();
        if (owners.isEmpty()) {
            return Outcome.UNKNOWN_INSTANCE;
        }
        List<SessionRecord> agentSessions = owners.stream()
                .flatMap(c -> sessions.findAll(sessions.sessionsOfUser(c.code(), event.username())).stream())
                .filter(s -> s.status() == SessionStatus.ACTIVE && s.instance().instanceId().equals(event.instanceId())
                        && s.user().connectUserId().equals(event.userId()))
                .toList();
        if (agentSessions.isEmpty()) {
            return Outcome.NO_SESSION;
        }
        boolean changed = false;
        for (SessionRecord session : agentSessions) {
            changed |= reconcile(session, event);
        }
        return changed ? Outcome.APPLIED : Outcome.UNCHANGED;
    }

    private boolean reconcile(SessionRecord session, AgentEvent event) {
        SessionRecord now = session;
        String change = null;
        boolean endedByApp = false;
        if (now.call() != null && hasEnded(now.call(), event)) {
            String contactId = now.call().contactId();
            now = now.withCall(null);
            endedByApp = ended.ended(contactId); // the app hung up itself: its own request reports the end
            if (!endedByApp) {
                ended.remember(contactId);
                callEvents.record(CallEvent.ENDED, session, contactId);
                change = "ended";
            }
        }
        if (now.call() == null && event.at().isAfter(session.createdAt())) {
            Optional<AgentEvent.Contact> joined = event.contacts().stream().filter(AgentEvent.Contact::callInProgress)
                    .filter(c -> !ended.ended(c.contactId())).findFirst();
            if (joined.isPresent()) {
                AgentEvent.Contact contact = joined.get();
                now = now.withCall(new ActiveCall(contact.contactId(), event.at()));
                if (!PLACED_BY_API.equals(contact.initiationMethod())) {
                    callEvents.record(CallEvent.STARTED, now, contact.contactId());
                }
                change = change == null ? "joined" : "replaced";
            }
        }
        if (change == null) {
            return endedByApp && stillAsRead(session, now);
        }
        if (!stillAsRead(session, now)) {
            return false;
        }
        metrics.counter("mobility.calls.from.events", "change", change).increment();
        LOG.infof("Session %s: call %s in Connect's agent events (%s)", session.sessionId(), change,
                now.call() == null ? session.call().contactId() : now.call().contactId());
        publisher.publish(Notification.of(PushKind.WAKE, session.companyCode(), List.of(session.sessionId()),
                "agent event: call " + change).silently());
        return true;
    }

    /**
     * Writes the reconciled session only if the session is still as it was read (the event is reconciled again
     * from the next snapshot otherwise): a logout, a RELOGIN mark or the app's own call in between wins.
     */
    private boolean stillAsRead(SessionRecord read, SessionRecord reconciled) {
        return sessions.update(read, current -> Optional.of(reconciled).filter(r -> current.equals(read))).isPresent();
    }

    private static boolean hasEnded(ActiveCall call, AgentEvent event) {
        return event.now(call.contactId()).map(c -> !c.callInProgress())
                .orElse(event.listedBefore(call.contactId()) || event.at().isAfter(call.startedAt().plus(ABSENCE_MARGIN)));
    }
}
