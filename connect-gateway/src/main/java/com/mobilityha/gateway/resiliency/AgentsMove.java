package com.mobilityha.gateway.resiliency;

import com.mobilityha.common.company.Company;
import com.mobilityha.common.instance.InstanceState;
import com.mobilityha.common.notification.Notification;
import com.mobilityha.common.notification.NotificationPublisher;
import com.mobilityha.common.notification.PushKind;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.common.session.SessionRepository;
import com.mobilityha.common.session.SessionStatus;
import com.mobilityha.gateway.agent.AgentService;
import com.mobilityha.gateway.health.InstanceHealth;
import com.mobilityha.gateway.integration.CallEvent;
import com.mobilityha.gateway.integration.CallEvents;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * B3: moves a company's sessions from one instance of its Global Resiliency pair to the other without a
 * new sign-in. Per agent, in the Connect budget of the instance moved to (SearchUsers for the user's id
 * there, PutUserStatus to its routable status: what a login spends, less the phone set-up), then per
 * batch the session records name the new instance ({@link SessionRepository#moveToInstance}) and their
 * apps get a WAKE saying so. Agents off a call go first; from an instance that is not DOWN an agent on a
 * call is moved only once the call ends (B2), from a DOWN one the call is lost anyway and the push says so.
 * A call refused by the budget waits and is tried again, so that the move goes at the rate Connect accepts.
 */
@ApplicationScoped
public class AgentsMove {
    private static final Logger LOG = Logger.getLogger(AgentsMove.class);
    private static final int BATCH = 50;
    private static final int THROTTLED_ATTEMPTS = 30;

    private final SessionRepository sessions;
    private final AgentService agents;
    private final NotificationPublisher publisher;
    private final InstanceHealth health;
    private final CallEvents callEvents;
    private final MeterRegistry metrics;

    AgentsMove(SessionRepository sessions, AgentService agents, NotificationPublisher publisher, InstanceHealth health,
               CallEvents callEvents, MeterRegistry metrics) {
        this.sessions = sessions;
        this.agents = agents;
        this.publisher = publisher;
        this.health = health;
        this.callEvents = callEvents;
        this.metrics = metrics;
    }

    /** Moves the company's live sessions on {@code from} to {@code to}; how many moved. */
    public int move(Company company, InstanceRef from, InstanceRef to) {
        return move(company, from, to, Integer.MAX_VALUE);
    }

    /** Moves at most {@code limit} of the company's live sessions on {@code from} to {@code to}, off-call first; how many moved. */
    public int move(Company company, InstanceRef from, InstanceRef to, int limit) {
        boolean fromDown = health.state(from.instanceId()) == InstanceState.DOWN;
        List<SessionRecord> waiting = sessions.findAll(sessions.sessionsOnInstance(from.instanceId())).stream()
                .filter(s -> s.companyCode().equals(company.code()) && s.status() == SessionStatus.ACTIVE)
                .filter(s -> s.instance().instanceId().equals(from.instanceId()))
                .filter(s -> fromDown || s.call() == null)
                .sorted(Comparator.comparing((SessionRecord s) -> s.call() != null))
                .limit(Math.max(0, limit))
                .toList();
        int moved = 0;
        for (int start = 0; start < waiting.size(); start += BATCH) {
            List<SessionRecord> batch = waiting.subList(start, Math.min(waiting.size(), start + BATCH));
            Map<String, String> userIds = new LinkedHashMap<>();
            for (SessionRecord session : batch) {
                try {
                    String userId = paced(() -> agents.userId(to, session.user().username()));
                    paced(() -> agents.makeAvailable(to, userId));
                    userIds.put(session.sessionId(), userId);
                } catch (ProblemException e) {
                    LOG.warnf("Session %s of %s not moved to the %s instance this round: %s", session.sessionId(),
                            company.code(), to.role(), e.getMessage());
                }
            }
            List<SessionRepository.Change> changes = sessions.moveToInstance(batch, from, to, userIds);
            tell(company, from, to, changes);
            moved += changes.size();
        }
        if (moved > 0) {
            LOG.infof("%d sessions of %s moved from the %s instance to the %s instance without a new sign-in", moved,
                    company.code(), from.role(), to.role());
        }
        return moved;
    }

    private void tell(Company company, InstanceRef from, InstanceRef to, List<SessionRepository.Change> changes) {
        Map<Boolean, List<String>> byCallLost = new LinkedHashMap<>();
        for (SessionRepository.Change change : changes) {
            SessionRecord before = change.before();
            boolean callLost = before.call() != null;
            if (callLost) {
                metrics.counter("mobility.calls.lost", "instance_id", from.instanceId()).increment();
                callEvents.record(CallEvent.LOST, before, before.call().contactId());
            }
            byCallLost.computeIfAbsent(callLost, c -> new ArrayList<>()).add(before.sessionId());
        }
        byCallLost.forEach((callLost, ids) -> {
            String message = (callLost ? "Your call was lost: Amazon Connect (" + from.role() + ") is unavailable. " : "")
                    + "You now work on the " + to.role() + " Amazon Connect instance (" + to.region()
                    + "); no need to sign in again.";
            String id = publisher.publish(Notification.of(PushKind.WAKE, company.code(), ids,
                    "global resiliency: agents moved to " + to.role()).saying(message).aboutInstance(to.role()));
            metrics.counter("mobility.acgr.moved.sessions", "instance_id", to.instanceId()).increment(ids.size());
            LOG.infof("%d sessions of %s told they work on the %s instance (notification %s)", ids.size(),
                    company.code(), to.role(), id);
        });
    }

    /** A Connect call for an agent, waiting for the budget while it is used up. */
    private static <T> T paced(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (ProblemException e) {
                if (attempt >= THROTTLED_ATTEMPTS || !e.problem().getType().equals(ProblemType.THROTTLED.uri())) {
                    throw e;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
