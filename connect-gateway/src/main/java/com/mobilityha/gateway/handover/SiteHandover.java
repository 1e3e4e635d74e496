package com.mobilityha.gateway.handover;

import com.mobilityha.common.instance.ConnectInstanceStates;
import com.mobilityha.common.notification.Notification;
import com.mobilityha.common.notification.NotificationPublisher;
import com.mobilityha.common.notification.PushKind;
import com.mobilityha.common.ops.FailoverEvent;
import com.mobilityha.common.ops.FailoverJournal;
import com.mobilityha.common.ops.FailoverTally;
import com.mobilityha.common.redis.Fence;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.common.session.SessionRepository;
import com.mobilityha.common.session.SessionStatus;
import com.mobilityha.gateway.health.InstanceHealth;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An instance that only this site cannot reach is this site's problem, not the company's: the instance
 * stays UP (the other site reaches it, so nobody signs in again), and this site's sessions on it move
 * to the site that reaches it, as S6 moves a dead site's sessions: same session and Connect login,
 * the record and index name the other site, and a WAKE makes the app ask {@code servers/active} and
 * carry on there. Done by this site's prober of the instance, every tick while it lasts (sessions that
 * land here meanwhile follow); nobody moves back when the link heals (as S7).
 */
@ApplicationScoped
public class SiteHandover {
    private static final Logger LOG = Logger.getLogger(SiteHandover.class);

    private final InstanceHealth health;
    private final SessionRepository sessions;
    private final NotificationPublisher publisher;
    private final ConnectInstanceStates shared;
    private final FailoverJournal journal;
    private final MeterRegistry metrics;

    SiteHandover(InstanceHealth health, SessionRepository sessions, NotificationPublisher publisher,
                 ConnectInstanceStates shared, FailoverJournal journal, MeterRegistry metrics) {
        this.health = health;
        this.sessions = sessions;
        this.publisher = publisher;
        this.shared = shared;
        this.journal = journal;
        this.metrics = metrics;
    }

    @Scheduled(every = "${gateway.connect.health.probe-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void handOverUnreachable() {
        for (InstanceRef instance : health.states().keySet()) {
            try {
                health.reachedOnlyElsewhere(instance.instanceId()).ifPresent(site -> handOver(instance, site));
            } catch (RuntimeException e) {
                LOG.warnf("Sessions on instance %s not handed over yet: %s", instance.instanceId(), e.getMessage());
            }
        }
    }

    private void handOver(InstanceRef instance, String to) {
        String from = shared.site();
        List<SessionRecord> here = sessions.findAll(sessions.sessionsOnInstance(instance.instanceId())).stream()
                .filter(s -> s.status() == SessionStatus.ACTIVE && from.equals(s.site())
                        && s.instance().instanceId().equals(instance.instanceId()))
                .toList();
        if (here.isEmpty()) {
            return;
        }
        Instant decided = Instant.now();
        List<SessionRecord> moved = sessions.moveToSite(here.stream().map(SessionRecord::sessionId).toList(), here, from,
                to, Fence.NONE).orElseThrow().stream().map(SessionRepository.Change::after).toList();
        FailoverTally tally = new FailoverTally();
        moved.stream().collect(Collectors.groupingBy(SessionRecord::companyCode,
                        Collectors.mapping(SessionRecord::sessionId, Collectors.toList())))
                .forEach((company, ids) -> tally.pushed(company, publisher.publish(
                        Notification.of(PushKind.WAKE, company, ids,
                                        "handover: site " + from + " cannot reach instance " + instance.role() + " -> " + to)
                                .saying("Your mobility server changed. You are still signed in.")), ids.size()));
        metrics.counter("mobility.site.handovers.sessions", "instance_id", instance.instanceId(), "from", from, "to", to)
                .increment(moved.size());
        String subject = from + " / instance " + instance.role();
        tally.companies().forEach(company -> journal.record(company, tally.event(company, FailoverEvent.Kind.SITE_HANDOVER,
                subject, to, decided, -1, Duration.between(decided, Instant.now()).toMillis())));
        LOG.warnf("Site %s cannot reach Connect instance %s (%s), site %s can: %d sessions handed over to %s; WAKE queued",
                from, instance.instanceId(), instance.role(), to, moved.size(), to);
    }
}
