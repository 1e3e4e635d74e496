package com.mobilityha.gateway.reachability;

import com.mobilityha.common.company.Company;
import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.company.ReachabilityWatch;
import com.mobilityha.common.instance.InstanceState;
import com.mobilityha.common.notification.Notification;
import com.mobilityha.common.notification.NotificationPublisher;
import com.mobilityha.common.notification.PushKind;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.reachability.PhoneReachability;
import com.mobilityha.common.reachability.Reachability;
import com.mobilityha.common.reachability.ReachedBy;
import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.common.session.SessionRepository;
import com.mobilityha.common.session.SessionStatus;
import com.mobilityha.common.session.SessionTokens;
import com.mobilityha.gateway.agent.AgentActivity;
import com.mobilityha.gateway.agent.AgentService;
import com.mobilityha.gateway.health.InstanceHealth;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * B8: every {@code gateway.reachability.check-every}, one gateway pod of all sites (a lease in Redis) looks
 * at the watched sessions whose phone has been silent longest. A phone silent for its company's
 * {@code wake-after} gets a WAKE (a background push: the app acknowledges it, or checks in); still silent
 * after {@code unreachable-after}, its agent is asked about in Connect (GetCurrentUserData, background
 * budget) and, if Available and not on a contact, set to the company's {@code unreachable-status} (at the
 * agents' priority, within the Connect API budget). Never a session on a call (its phone is in use: its
 * silence counts again from the call, {@link ReachedBy#ON_CALL}), nor an agent Connect shows on a contact,
 * never while a failover is under way ({@link FailoverHold}). Agents whose phone came back are made Available again only where the
 * company chose it; the others are offered it by their app.
 */
@ApplicationScoped
public class ReachabilityWatchdog {
    private static final Logger LOG = Logger.getLogger(ReachabilityWatchdog.class);
    private static final String ORIGIN = "reachability watchdog";

    private final CompanyDirectory companies;
    private final SessionRepository sessions;
    private final PhoneReachability reachability;
    private final FailoverHold hold;
    private final InstanceHealth health;
    private final AgentActivity activity;
    private final AgentService agents;
    private final NotificationPublisher publisher;
    private final RedisDataSource redis;
    private final WatchdogConfig config;
    private final MeterRegistry metrics;

    ReachabilityWatchdog(CompanyDirectory companies, SessionRepository sessions, PhoneReachability reachability,
                         FailoverHold hold, InstanceHealth health, AgentActivity activity, AgentService agents,
                         NotificationPublisher publisher, RedisDataSource redis, WatchdogConfig config,
                         MeterRegistry metrics) {
        this.companies = companies;
        this.sessions = sessions;
        this.reachability = reachability;
        this.hold = hold;
        this.health = health;
        this.activity = activity;
        this.agents = agents;
        this.publisher = publisher;
        this.redis = redis;
        this.config = config;
        this.metrics = metrics;
    }

    /** One round, by the gateway pod that holds the round's lease. */
    @Scheduled(every = "${gateway.reachability.check-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void round() {
        List<Company> watched = companies.all().stream().filter(c -> c.reachability().watched()).toList();
        if (watched.isEmpty()) {
            return;
        }
        try {
            if (takeRound()) {
                watch(watched, Instant.now());
            }
        } catch (RuntimeException e) {
            count("round-failed", 1);
            LOG.warnf("Reachability round failed, the next round retries: %s", e.getMessage());
        }
    }

    private boolean takeRound() {
        return redis.execute("SET", RedisKeys.reachabilityRound(), SessionTokens.newId(), "NX", "PX",
                String.valueOf(config.roundLease().toMillis())) != null;
    }

    private void watch(List<Company> watched, Instant now) {
        Set<String> siteRoles = watched.stream().flatMap(c -> c.mobilityServers().stream())
                .map(Company.MobilityServer::role).collect(Collectors.toSet());
        Optional<String> failingSite = hold.siteFailoverUnderWay(siteRoles);
        if (failingSite.isPresent()) {
            count("held-site-failover", 1);
            LOG.debugf("Reachability round held: site %s is failing over", failingSite.get());
            return;
        }
        restoreReturned(now);
        Duration soonest = watched.stream().map(c -> c.reachability().wakeAfter()).min(Comparator.naturalOrder())
                .orElseThrow();
        List<String> silent = reachability.silentSince(now.minus(soonest), config.batch());
        if (silent.isEmpty()) {
            return;
        }
        Map<String, SessionRecord> found = sessions.findAll(silent).stream()
                .collect(Collectors.toMap(SessionRecord::sessionId, s -> s, (a, b) -> a));
        Map<String, Optional<Instant>> quietFrom = new HashMap<>();
        Map<String, List<String>> toWake = new LinkedHashMap<>();
        Map<InstanceRef, List<Silent>> toCheck = new LinkedHashMap<>();
        for (String sessionId : silent) {
            SessionRecord session = found.get(sessionId);
            Optional<Company> company = session == null ? Optional.empty() : companies.find(session.companyCode());
            if (session == null || !session.usable() || company.isEmpty() || !company.get().reachability().watched()) {
                reachability.forget(sessionId);
                continue;
            }
            Optional<Reachability> record = reachability.find(sessionId);
            if (record.isEmpty() || record.get().unreachable().isPresent() || session.status() != SessionStatus.ACTIVE) {
                continue;
            }
            if (session.call() != null) {
                reachability.seen(sessionId, ReachedBy.ON_CALL, session.expiresAt() == null ? now.plus(Duration.ofHours(12))
                        : session.expiresAt());
                count("skipped-on-call", 1);
                continue;
            }
            if (health.state(session.instance().instanceId()) != InstanceState.UP) {
                count("held-instance-failover", 1);
                continue;
            }
            ReachabilityWatch watch = company.get().reachability();
            Instant from = quietFrom.computeIfAbsent(company.get().code(), code -> hold.lastFailoverHandled(company.get()))
                    .filter(handled -> handled.isAfter(record.get().seenAt())).orElse(record.get().seenAt());
            Duration silence = Duration.between(from, now);
            if (silence.compareTo(watch.unreachableAfter()) >= 0 && record.get().wokenSinceSeen()
                    && recheckDue(record.get(), watch, now)) {
                toCheck.computeIfAbsent(session.instance(), i -> new ArrayList<>())
                        .add(new Silent(session, watch, record.get().seenAt()));
            } else if (silence.compareTo(watch.wakeAfter()) >= 0 && !record.get().wokenSinceSeen()) {
                toWake.computeIfAbsent(session.companyCode(), c -> new ArrayList<>()).add(sessionId);
            }
        }
        toWake.forEach((companyCode, sessionIds) -> wake(companyCode, sessionIds, now));
        toCheck.forEach((instance, agentsSilent) -> makeUnreachable(instance, agentsSilent, now));
    }

    /** A silent phone's session, its company's watch, and when the phone was last seen as the round found it. */
    private record Silent(SessionRecord session, ReachabilityWatch watch, Instant seenAt) {
    }

    /**
     * Whether the phone is still silent and unmarked just before its agent is moved: a round may take a while
     * (the budget paces it), during which the phone may check in, or a round of another pod (whose lease
     * expired meanwhile) may have moved the agent already.
     */
    private boolean stillSilent(Silent agent) {
        return reachability.find(agent.session().sessionId())
                .filter(now -> now.unreachable().isEmpty() && !now.seenAt().isAfter(agent.seenAt()))
                .isPresent();
    }

    /** An agent found not routable is asked about again only once the grace (unreachable-after − wake-after) passed. */
    private static boolean recheckDue(Reachability record, ReachabilityWatch watch, Instant now) {
        return !record.checkedSinceSeen()
                || !record.checkedAt().plus(watch.unreachableAfter().minus(watch.wakeAfter())).isAfter(now);
    }

    private void wake(String companyCode, List<String> sessionIds, Instant now) {
        String notificationId = publisher.publish(Notification.of(PushKind.WAKE, companyCode, sessionIds, ORIGIN).silently());
        sessionIds.forEach(sessionId -> reachability.woken(sessionId, now));
        count("woken", sessionIds.size());
        LOG.infof("Reachability: WAKE to %d silent phones of %s (notification %s)", sessionIds.size(), companyCode,
                notificationId);
    }

    private void makeUnreachable(InstanceRef instance, List<Silent> silent, Instant now) {
        Map<String, AgentActivity.Presence> presence;
        try {
            presence = activity.presence(instance, silent.stream().map(s -> s.session().user().connectUserId())
                    .distinct().toList());
        } catch (ProblemException e) {
            count("deferred", silent.size());
            LOG.infof("Reachability: %d silent agents on the %s instance checked next round: %s", silent.size(),
                    instance.role(), e.getMessage());
            return;
        }
        Set<String> moved = new HashSet<>();
        for (Silent agent : silent) {
            SessionRecord session = agent.session();
            String userId = session.user().connectUserId();
            AgentActivity.Presence shown = presence.get(userId);
            if (shown == null || shown.onContact() || moved.contains(userId)
                    || !agents.routable(instance, shown.statusName())) {
                reachability.checked(session.sessionId(), now);
                count(shown != null && shown.onContact() ? "skipped-on-contact" : "skipped-not-routable", 1);
                continue;
            }
            if (!stillSilent(agent)) {
                count("skipped-seen-meanwhile", 1);
                continue;
            }
            String status = agent.watch().unreachableStatus().orElseThrow();
            try {
                agents.setStatus(instance, userId, status);
            } catch (ProblemException e) {
                count("deferred", 1);
                LOG.warnf("Reachability: %s of %s stays %s for now (next round retries): %s",
                        session.user().username(), session.companyCode(), shown.statusName(), e.getMessage());
                continue;
            }
            moved.add(userId);
            reachability.madeUnreachable(session.sessionId(), status, now);
            count("made-unreachable", 1);
            LOG.infof("Reachability: %s of %s (session %s) set to %s on the %s instance: phone silent, WAKE unanswered",
                    session.user().username(), session.companyCode(), session.sessionId(), status, instance.role());
        }
    }

    /**
     * Sessions made unreachable: forgotten once ended; where the company chose it, an agent whose phone came
     * back is made Available again (else the app offers it at its check-in).
     */
    private void restoreReturned(Instant now) {
        List<String> marked = reachability.madeUnreachable();
        if (marked.isEmpty()) {
            return;
        }
        Map<String, SessionRecord> found = sessions.findAll(marked).stream()
                .collect(Collectors.toMap(SessionRecord::sessionId, s -> s, (a, b) -> a));
        for (String sessionId : marked) {
            SessionRecord session = found.get(sessionId);
            Optional<Reachability> record = reachability.find(sessionId);
            if (session == null || !session.usable() || record.isEmpty()) {
                reachability.forget(sessionId);
                continue;
            }
            boolean restore = companies.find(session.companyCode()).map(c -> c.reachability().availableOnReturn())
                    .orElse(false);
            if (!restore || !record.get().cameBack() || session.status() != SessionStatus.ACTIVE) {
                continue;
            }
            try {
                agents.makeAvailable(session.instance(), session.user().connectUserId());
            } catch (ProblemException e) {
                count("deferred", 1);
                continue;
            }
            reachability.cleared(sessionId);
            count("made-available", 1);
            LOG.infof("Reachability: %s of %s is back and Available again (company policy), %s after being made unreachable",
                    session.user().username(), session.companyCode(),
                    Duration.between(record.get().unreachable().orElseThrow().at(), now));
        }
    }

    private void count(String action, long n) {
        metrics.counter("mobility.reachability.watchdog", "action", action).increment(n);
    }
}
