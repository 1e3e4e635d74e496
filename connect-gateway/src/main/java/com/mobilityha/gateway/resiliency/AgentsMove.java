package com.mobilityha.gateway.resiliency;

import com.mobilityha.common.company.Company;
import com.mobilityha.common.config.MobilityConfig;
import com.mobilityha.common.instance.InstanceState;
import com.mobilityha.common.notification.Notification;
import com.mobilityha.common.notification.NotificationPublisher;
import com.mobilityha.common.notification.PushKind;
import com.mobilityha.common.ops.FailoverEvent;
import com.mobilityha.common.ops.FailoverJournal;
import com.mobilityha.common.ops.FailoverTally;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.common.session.SessionRepository;
import com.mobilityha.common.session.SessionStatus;
import com.mobilityha.gateway.agent.AgentActivity;
import com.mobilityha.gateway.agent.AgentActivity.Presence;
import com.mobilityha.gateway.agent.AgentService;
import com.mobilityha.gateway.agent.AgentStatus;
import com.mobilityha.gateway.health.InstanceHealth;
import com.mobilityha.gateway.integration.CallEvent;
import com.mobilityha.gateway.integration.CallEvents;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * B3: moves a company's sessions from one instance of its Global Resiliency pair to the other without a
 * new sign-in. Per agent, in the Connect budget of the instance moved to (SearchUsers for the user's id
 * there, PutUserStatus to the status the agent had: what a login spends, less the phone set-up), then per
 * batch the session records name the new instance ({@link SessionRepository#moveToInstance}) and their
 * apps get a WAKE saying so. Agents off a call go first; from an instance that is not DOWN an agent on a
 * call is moved only once the call ends (B2) — the calls the sessions know and those Connect shows
 * (GetCurrentUserData per batch, which also gives each agent's status) — from a DOWN one the call is lost
 * anyway and the push says so, and the agents are made Available.
 * A call refused by the budget waits and is tried again, so that the move goes at the rate Connect accepts.
 * Each move that moved someone is one entry of the company's failover journal.
 */
@ApplicationScoped
public class AgentsMove {
    private static final Logger LOG = Logger.getLogger(AgentsMove.class);
    private static final int BATCH = 50;
    private static final int THROTTLED_ATTEMPTS = 30;

    private final SessionRepository sessions;
    private final AgentService agents;
    private final AgentActivity activity;
    private final NotificationPublisher publisher;
    private final InstanceHealth health;
    private final CallEvents callEvents;
    private final MeterRegistry metrics;
    private final MoveLease lease;
    private final FailoverJournal journal;
    private final String site;

    AgentsMove(SessionRepository sessions, AgentService agents, AgentActivity activity, NotificationPublisher publisher,
               InstanceHealth health, CallEvents callEvents, MeterRegistry metrics, MoveLease lease, FailoverJournal journal,
               MobilityConfig mobility) {
        this.sessions = sessions;
        this.agents = agents;
        this.activity = activity;
        this.publisher = publisher;
        this.health = health;
        this.callEvents = callEvents;
        this.metrics = metrics;
        this.lease = lease;
        this.journal = journal;
        this.site = mobility.site();
    }

    /** Moves the company's live sessions on {@code from} to {@code to}; how many moved. */
    public int move(Company company, InstanceRef from, InstanceRef to) {
        return move(company, from, to, Integer.MAX_VALUE);
    }

    /**
     * Moves at most {@code limit} of the company's live sessions on {@code from} to {@code to}, off-call first; how many
     * moved. One pod of all sites moves a company's agents at a time ({@link MoveLease}): while another one does, none.
     */
    public int move(Company company, InstanceRef from, InstanceRef to, int limit) {
        Optional<String> holder = lease.take(company.code());
        if (holder.isEmpty()) {
            LOG.debugf("Another gateway pod is moving the agents of %s; the next round finishes what it leaves", company.code());
            return 0;
        }
        try {
            return move(company, from, to, limit, holder.get());
        } finally {
            lease.release(company.code(), holder.get());
        }
    }

    private int move(Company company, InstanceRef from, InstanceRef to, int limit, String holder) {
        boolean fromDown = health.state(from.instanceId()) == InstanceState.DOWN;
        List<SessionRecord> waiting = sessions.findAll(sessions.sessionsOnInstance(from.instanceId())).stream()
                .filter(s -> s.companyCode().equals(company.code()) && s.status() == SessionStatus.ACTIVE)
                .filter(s -> s.instance().instanceId().equals(from.instanceId()))
                .filter(s -> fromDown || s.call() == null)
                .sorted(Comparator.comparing((SessionRecord s) -> s.call() != null))
                .limit(Math.max(0, limit))
                .toList();
        Instant started = Instant.now();
        FailoverTally tally = new FailoverTally();
        int moved = 0;
        boolean held = true;
        for (int start = 0; held && start < waiting.size(); start += BATCH) {
            List<SessionRecord> batch = waiting.subList(start, Math.min(waiting.size(), start + BATCH));
            Map<String, String> userIds = new LinkedHashMap<>();
            Map<String, Presence> onSource = fromDown ? Map.of() : paced(() -> activity.presence(from,
                    batch.stream().map(s -> s.user().connectUserId()).toList()));
            for (SessionRecord session : batch) {
                held = lease.renew(company.code(), holder);
                if (!held) {
                    LOG.warnf("The move of %s to the %s instance lost its lease; the next round finishes it", company.code(),
                            to.role());
                    break;
                }
                Presence presence = onSource.get(session.user().connectUserId());
                if (presence != null && presence.onContact()) {
                    continue; // a contact the session does not know of (an inbound call): the agent moves once it ends
                }
                try {
                    String userId = paced(() -> agents.userId(to, session.user().username()));
                    paced(() -> sameStatus(from, to, userId, presence));
                    userIds.put(session.sessionId(), userId);
                } catch (ProblemException e) {
                    LOG.warnf("Session %s of %s not moved to the %s instance this round: %s", session.sessionId(),
                            company.code(), to.role(), e.getMessage());
                }
            }
            List<SessionRepository.Change> changes = sessions.moveToInstance(batch, from, to, userIds);
            tell(company, from, to, changes, tally);
            moved += changes.size();
        }
        if (moved > 0) {
            journal.record(company.code(), tally.event(company.code(), FailoverEvent.Kind.AGENTS_MOVED, to.role(), site,
                    started, -1, Duration.between(started, Instant.now()).toMillis()));
            LOG.infof("%d sessions of %s moved from the %s instance to the %s instance without a new sign-in", moved,
                    company.code(), from.role(), to.role());
        }
        return moved;
    }

    private void tell(Company company, InstanceRef from, InstanceRef to, List<SessionRepository.Change> changes,
                      FailoverTally tally) {
        Map<Boolean, List<String>> byCallLost = new LinkedHashMap<>();
        for (SessionRepository.Change change : changes) {
            SessionRecord before = change.before();
            boolean callLost = before.call() != null;
            if (callLost) {
                metrics.counter("mobility.calls.lost", "instance_id", from.instanceId()).increment();
                callEvents.record(CallEvent.LOST, before, before.call().contactId());
                tally.callLost(company.code());
            }
            byCallLost.computeIfAbsent(callLost, c -> new ArrayList<>()).add(before.sessionId());
        }
        byCallLost.forEach((callLost, ids) -> {
            String message = (callLost ? "Your call was lost: Amazon Connect (" + from.role() + ") is unavailable. " : "")
                    + "You now work on the " + to.role() + " Amazon Connect instance (" + to.region()
                    + "); no need to sign in again.";
            String id = publisher.publish(Notification.of(PushKind.WAKE, company.code(), ids,
                    "global resiliency: agents moved to " + to.role()).saying(message).aboutInstance(to.role()));
            tally.pushed(company.code(), id, ids.size());
            metrics.counter("mobility.acgr.moved.sessions", "instance_id", to.instanceId()).increment(ids.size());
            LOG.infof("%d sessions of %s told they work on the %s instance (notification %s)", ids.size(),
                    company.code(), to.role(), id);
        });
    }

    /**
     * The agent's status on the instance moved from, set on the one moved to: an agent on a break stays on a
     * break. Available (the routable status) when it was routable, or is not known (the instance moved from is
     * DOWN), or the instance moved to has no status of that name.
     */
    private AgentStatus sameStatus(InstanceRef from, InstanceRef to, String userId, Presence presence) {
        if (presence == null || presence.statusName() == null || agents.routable(from, presence.statusName())) {
            return agents.makeAvailable(to, userId);
        }
        try {
            return agents.setStatus(to, userId, presence.statusName());
        } catch (ProblemException e) {
            if (!e.problem().getType().equals(ProblemType.UNKNOWN_AGENT_STATUS.uri())) {
                throw e;
            }
            LOG.warnf("The %s instance has no agent status named '%s': agent %s set to its routable status",
                    to.role(), presence.statusName(), userId);
            return agents.makeAvailable(to, userId);
        }
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
