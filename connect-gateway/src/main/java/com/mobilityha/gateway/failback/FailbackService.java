package com.mobilityha.gateway.failback;

import com.mobilityha.common.company.Company;
import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.company.FailbackPolicy;
import com.mobilityha.common.instance.InstanceState;
import com.mobilityha.common.notification.Notification;
import com.mobilityha.common.notification.NotificationPublisher;
import com.mobilityha.common.notification.PushKind;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.common.session.SessionRepository;
import com.mobilityha.common.session.SessionTokens;
import com.mobilityha.common.session.SessionStatus;
import com.mobilityha.gateway.agent.AgentActivity;
import com.mobilityha.gateway.health.InstanceCameBack;
import com.mobilityha.gateway.health.InstanceHealth;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * S9/B2: once a company's primary instance is back, agents still on another instance are asked to
 * sign in again (FAILBACK push). An administrator starts it, or the primary coming back does for
 * companies with the {@code when-idle} policy; when-idle fail-backs tell each agent only once
 * Amazon Connect shows them off-contact, checked every {@code gateway.failback.idle-check-interval}.
 */
@ApplicationScoped
public class FailbackService {
    private static final Logger LOG = Logger.getLogger(FailbackService.class);
    private static final String MESSAGE = "The primary Amazon Connect instance is back. Sign in again to return to it.";

    private final CompanyDirectory companies;
    private final SessionRepository sessions;
    private final InstanceHealth health;
    private final AgentActivity activity;
    private final FailbackStore store;
    private final NotificationPublisher publisher;
    private final FailbackConfig config;
    private final MeterRegistry metrics;

    FailbackService(CompanyDirectory companies, SessionRepository sessions, InstanceHealth health,
                    AgentActivity activity, FailbackStore store, NotificationPublisher publisher,
                    FailbackConfig config, MeterRegistry metrics) {
        this.companies = companies;
        this.sessions = sessions;
        this.health = health;
        this.activity = activity;
        this.store = store;
        this.publisher = publisher;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Starts a fail-back of the company's agents who are not on its primary instance.
     *
     * @param whenIdle  wait for each agent to be off-contact (B2) or tell all at once
     * @param startedBy the administrator, or {@code policy}
     */
    public Failback start(Company company, boolean whenIdle, String startedBy) {
        return start(company, whenIdle, startedBy, SessionTokens.newId(), agentsAway(company));
    }

    /**
     * The company's agents who are not on its primary instance (whom a fail-back would tell), or a
     * {@code primary-instance-not-back} problem while that instance is DOWN.
     */
    public List<String> agentsAway(Company company) {
        InstanceRef primary = company.primaryInstance().orElseThrow(() -> new ProblemException(
                ProblemType.PRIMARY_INSTANCE_NOT_BACK, "The company has no Connect instance"));
        if (health.state(primary.instanceId()) == InstanceState.DOWN) {
            throw new ProblemException(ProblemType.PRIMARY_INSTANCE_NOT_BACK,
                    "The primary Connect instance is still DOWN; agents stay where they are");
        }
        return sessions.findAll(sessions.sessionsOfCompany(company.code())).stream()
                .filter(s -> awayFromPrimary(s, primary))
                .map(SessionRecord::sessionId)
                .toList();
    }

    /**
     * {@link #start(Company, boolean, String)} of the agents {@link #agentsAway} found, under an id chosen
     * beforehand (the one its audit entry names).
     */
    public Failback start(Company company, boolean whenIdle, String startedBy, String failbackId, List<String> away) {
        store.create(failbackId, company.code(), whenIdle, startedBy, away);
        LOG.infof("Fail-back %s of %s started by %s: %d agents on another instance, %s", failbackId, company.code(),
                startedBy, away.size(), whenIdle ? "each told once off-contact" : "all told now");
        if (whenIdle) {
            checkSafely(company.code(), failbackId);
        } else if (!away.isEmpty()) {
            tell(company.code(), failbackId, away);
        }
        return store.find(failbackId).orElseThrow();
    }

    /** The primary instance is back: companies with the when-idle policy start their fail-back. */
    void onCameBack(@ObservesAsync InstanceCameBack event) {
        for (Company company : companies.all()) {
            boolean isPrimary = company.primaryInstance()
                    .filter(p -> p.instanceId().equals(event.instance().instanceId())).isPresent();
            if (!isPrimary) {
                continue;
            }
            if (company.failbackPolicy() == FailbackPolicy.WHEN_IDLE) {
                start(company, true, "policy");
            } else {
                LOG.infof("Primary instance of %s is back (epoch %d): agents stay until an administrator fails back",
                        company.code(), event.epoch());
            }
        }
    }

    /** One round of idle checks of every waiting fail-back, by one gateway of either site. */
    @Scheduled(every = "${gateway.failback.idle-check-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkWaiting() {
        Map<String, String> active = store.active();
        if (active.isEmpty() || !store.takeRound(config.idleCheckLease())) {
            return;
        }
        active.forEach(this::checkSafely);
    }

    public Optional<Failback> find(String failbackId) {
        return store.find(failbackId);
    }

    private void checkSafely(String companyCode, String failbackId) {
        try {
            tellIdle(companyCode, failbackId);
        } catch (RuntimeException e) {
            LOG.warnf("Idle check of fail-back %s (%s) failed, the next round retries: %s", failbackId, companyCode,
                    e.getMessage());
        }
    }

    private void tellIdle(String companyCode, String failbackId) {
        Company company = companies.require(companyCode);
        InstanceRef primary = company.primaryInstance().orElseThrow();
        Set<String> waiting = store.waiting(failbackId);
        List<SessionRecord> stillAway = new ArrayList<>();
        int left = 0;
        Set<String> found = new HashSet<>();
        for (SessionRecord session : sessions.findAll(List.copyOf(waiting))) {
            found.add(session.sessionId());
            if (awayFromPrimary(session, primary)) {
                stillAway.add(session);
            } else if (store.claim(failbackId, session.sessionId())) {
                left++;
            }
        }
        for (String gone : waiting) {
            if (!found.contains(gone) && store.claim(failbackId, gone)) {
                left++;
            }
        }
        if (left > 0) {
            store.dropped(failbackId, left);
            metrics.counter("mobility.failback.sessions", "outcome", "dropped").increment(left);
        }
        Map<InstanceRef, List<SessionRecord>> byInstance = stillAway.stream()
                .collect(Collectors.groupingBy(SessionRecord::instance));
        List<String> idle = new ArrayList<>();
        byInstance.forEach((instance, onInstance) -> {
            Set<String> busy = activity.onContact(instance,
                    onInstance.stream().map(s -> s.user().connectUserId()).distinct().toList());
            onInstance.stream()
                    .filter(s -> !busy.contains(s.user().connectUserId()))
                    .filter(s -> store.claim(failbackId, s.sessionId()))
                    .forEach(s -> idle.add(s.sessionId()));
        });
        if (!idle.isEmpty()) {
            tell(companyCode, failbackId, idle);
        }
        store.finishIfDone(companyCode, failbackId);
    }

    private void tell(String companyCode, String failbackId, List<String> sessionIds) {
        String notificationId = publisher.publish(Notification.of(PushKind.FAILBACK, companyCode, sessionIds,
                "fail-back " + failbackId).saying(MESSAGE).aboutInstance("primary"));
        store.notified(failbackId, notificationId, sessionIds.size());
        metrics.counter("mobility.failback.sessions", "outcome", "notified").increment(sessionIds.size());
        LOG.infof("Fail-back %s of %s: FAILBACK to %d agents (notification %s)", failbackId, companyCode,
                sessionIds.size(), notificationId);
    }

    private static boolean awayFromPrimary(SessionRecord session, InstanceRef primary) {
        return session.status() == SessionStatus.ACTIVE && !session.instance().instanceId().equals(primary.instanceId());
    }
}
