package com.mobilityha.gateway.relogin;

import com.mobilityha.common.company.Company;
import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.config.MobilityConfig;
import com.mobilityha.common.instance.InstanceState;
import com.mobilityha.common.notification.Notification;
import com.mobilityha.common.notification.NotificationPublisher;
import com.mobilityha.common.notification.PushKind;
import com.mobilityha.common.notification.SignInSlots;
import com.mobilityha.common.ops.FailoverEvent;
import com.mobilityha.common.ops.FailoverJournal;
import com.mobilityha.common.ops.FailoverTally;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.common.session.SessionRepository;
import com.mobilityha.common.session.SessionStatus;
import com.mobilityha.gateway.health.InstanceCameBack;
import com.mobilityha.gateway.health.InstanceHealth;
import com.mobilityha.gateway.health.InstanceWentDown;
import com.mobilityha.gateway.integration.CallEvent;
import com.mobilityha.gateway.integration.CallEvents;
import com.mobilityha.gateway.resiliency.GlobalResiliencyFailover;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * S8/S11: the sessions of an instance that went DOWN can no longer work (a Connect login cannot
 * move), so each becomes RELOGIN_REQUIRED and its devices get a RELOGIN push naming the instance to
 * sign in to next; a call in progress is lost (Connect cannot move calls) and recorded as such. The
 * RELOGIN wave is paced to the login budget of the next instance's Region ({@link ReloginPacing}): each
 * app signs in at a moment it picks within the wave's window, so that logins reach Connect at the rate
 * its quotas accept.
 * Only the pod that recorded the transition does this, once per epoch ({@link FailoverDuties}), and
 * journals it per company with its timings (the operations console shows them); if it dies on the way,
 * another pod finishes it ({@link UnfinishedFailovers}).
 * <p>
 * B3: the sessions of a company whose instance is the source of a Global Resiliency pair under the
 * {@code automatic} policy get no RELOGIN: once the other companies' wave is out, they are moved to the
 * replica without a new sign-in ({@link GlobalResiliencyFailover}).
 */
@ApplicationScoped
public class InstanceFailover {
    private static final Logger LOG = Logger.getLogger(InstanceFailover.class);
    /** Sessions marked and queued at a time (one replicated write and one pipelined publish each). */
    private static final int BATCH = 500;

    private final SessionRepository sessions;
    private final NotificationPublisher publisher;
    private final CompanyDirectory companies;
    private final InstanceHealth health;
    private final MeterRegistry metrics;
    private final CallEvents callEvents;
    private final FailoverJournal journal;
    private final String site;
    private final ReloginPacing pacing;
    private final FailoverDuties duties;
    private final GlobalResiliencyFailover resiliency;

    InstanceFailover(ReloginPacing pacing, FailoverDuties duties, GlobalResiliencyFailover resiliency, SessionRepository sessions, NotificationPublisher publisher, CompanyDirectory companies,
                     InstanceHealth health, MeterRegistry metrics, CallEvents callEvents, FailoverJournal journal,
                     MobilityConfig mobility) {
        this.pacing = pacing;
        this.duties = duties;
        this.resiliency = resiliency;
        this.callEvents = callEvents;
        this.journal = journal;
        this.site = mobility.site();
        this.sessions = sessions;
        this.publisher = publisher;
        this.companies = companies;
        this.health = health;
        this.metrics = metrics;
    }

    void onDown(@ObservesAsync InstanceWentDown event) {
        if (!duties.claim(event.instance().instanceId(), event.epoch())) {
            LOG.infof("Instance %s DOWN (epoch %d): its failover is another pod's duty", event.instance().instanceId(),
                    event.epoch());
            return;
        }
        relogin(event, Set.of(SessionStatus.ACTIVE));
    }

    /**
     * Finishes the duty of a failover whose pod died (this pod took it over): every session still on the
     * instance, those it had already marked included, gets its RELOGIN (at least once).
     */
    public void resume(InstanceWentDown event) {
        relogin(event, Set.of(SessionStatus.ACTIVE, SessionStatus.RELOGIN_REQUIRED));
    }

    /**
     * Marks the instance's sessions and queues their RELOGIN a batch at a time, so that the first pushes go out
     * while later batches are still being marked. Each session's sign-in slot is its place in its Region's wave,
     * sized by the sessions read (a session that changed meanwhile and is not marked leaves its slot empty).
     */
    private void relogin(InstanceWentDown event, Set<SessionStatus> targets) {
        Instant decided = Instant.now();
        InstanceRef instance = event.instance();
        List<Company> moving = companiesOf(instance).stream()
                .filter(c -> GlobalResiliencyFailover.movesWithoutSignIn(c, instance)).toList();
        Set<String> movingCodes = moving.stream().map(Company::code).collect(Collectors.toSet());
        List<SessionRecord> onInstance = sessions.findAll(sessions.sessionsOnInstance(instance.instanceId())).stream()
                .filter(s -> targets.contains(s.status()))
                .filter(s -> s.instance().instanceId().equals(instance.instanceId()))
                .filter(s -> !movingCodes.contains(s.companyCode()))
                .toList();
        Map<String, Optional<InstanceRef>> nextOf = new HashMap<>();
        Map<String, Integer> wavePerRegion = new HashMap<>();
        for (SessionRecord session : onInstance) {
            nextOf.computeIfAbsent(session.companyCode(), company -> nextInstance(company, instance))
                    .ifPresent(next -> wavePerRegion.merge(next.region(), 1, Integer::sum));
        }
        Waves waves = new Waves(wavePerRegion, pacing);
        FailoverTally tally = new FailoverTally();
        for (int from = 0; from < onInstance.size(); from += BATCH) {
            duties.claim(instance.instanceId(), event.epoch()); // renews the lease while the duty goes on
            mark(onInstance.subList(from, Math.min(onInstance.size(), from + BATCH)), targets, instance, tally)
                    .forEach((audience, ids) -> {
                        Optional<InstanceRef> next = nextOf.get(audience.companyCode());
                        String id = publish(event, audience, ids, next, waves.take(next, ids.size()));
                        tally.pushed(audience.companyCode(), id, ids.size());
                    });
        }
        journalDown(event, decided, tally);
        duties.done(instance.instanceId(), event.epoch());
        moving.forEach(resiliency::followSafely);
    }

    /** Marks a batch of the sessions read RELOGIN_REQUIRED (those still in a target state); their ids by audience. */
    private Map<Audience, List<String>> mark(List<SessionRecord> batch, Set<SessionStatus> targets, InstanceRef instance,
                                             FailoverTally tally) {
        Map<Audience, List<String>> audiences = new LinkedHashMap<>();
        for (SessionRepository.Change marked : sessions.updateAllReplicated(batch, s -> Optional.of(s)
                .filter(current -> targets.contains(current.status())).map(SessionRecord::reloginRequired))) {
            SessionRecord session = marked.before();
            boolean callLost = session.call() != null;
            if (callLost) {
                metrics.counter("mobility.calls.lost", "instance_id", instance.instanceId()).increment();
                LOG.infof("Session %s lost its call %s with instance %s", session.sessionId(),
                        session.call().contactId(), instance.instanceId());
                callEvents.record(CallEvent.LOST, session, session.call().contactId());
                tally.callLost(session.companyCode());
            }
            audiences.computeIfAbsent(new Audience(session.companyCode(), callLost), a -> new ArrayList<>())
                    .add(session.sessionId());
        }
        return audiences;
    }

    /** Queues one audience's RELOGIN (with its sign-in slots when another instance takes the sign-ins); its id. */
    private String publish(InstanceWentDown event, Audience audience, List<String> ids, Optional<InstanceRef> next,
                           SignInSlots slots) {
        InstanceRef instance = event.instance();
        String message = (audience.callLost() ? "Your call was lost: " : "")
                + "Amazon Connect (" + instance.role() + ") is unavailable. Sign in again"
                + next.map(n -> " to continue on the " + n.role() + " instance.").orElse(" when it is back.");
        String id = publisher.publish(Notification.of(PushKind.RELOGIN, audience.companyCode(), ids,
                        "failover: " + instance.role() + " instance DOWN")
                .saying(message).aboutInstance(next.map(InstanceRef::role).orElse(null))
                .signingInIn(slots));
        metrics.counter("mobility.relogin.sessions", "instance_id", instance.instanceId()).increment(ids.size());
        LOG.infof("Instance %s DOWN (epoch %d): %d sessions of %s must sign in again (notification %s, within %s)",
                instance.instanceId(), event.epoch(), ids.size(), audience.companyCode(), id,
                slots == null ? "at once" : slots.window().toSeconds() + " s");
        return id;
    }

    /** The instance is UP again: its companies' journals say so (fail-back follows their policy). */
    void onUp(@ObservesAsync InstanceCameBack event) {
        for (Company company : companiesOf(event.instance())) {
            journal.record(company.code(), new FailoverEvent(null, FailoverEvent.Kind.INSTANCE_UP, event.instance().role(),
                    site, Instant.now(), millis(event.detection()), 0, 0, 0, List.of()));
        }
    }

    /** One journal entry per company of the instance, those without sessions on it too. */
    private void journalDown(InstanceWentDown event, Instant decided, FailoverTally tally) {
        long handling = Duration.between(decided, Instant.now()).toMillis();
        for (Company company : companiesOf(event.instance())) {
            journal.record(company.code(), tally.event(company.code(), FailoverEvent.Kind.INSTANCE_DOWN,
                    event.instance().role(), site, decided, millis(event.detection()), handling));
        }
    }

    /**
     * The sign-in waves of one failover, one per Region of the instances that take the sign-ins, each sized and
     * paced once ({@link ReloginPacing}); the slots are handed out in the order the sessions are queued.
     */
    private static final class Waves {
        private final Map<String, Integer> sizes;
        private final Map<String, Duration> windows = new HashMap<>();
        private final Map<String, Integer> taken = new HashMap<>();

        Waves(Map<String, Integer> sizes, ReloginPacing pacing) {
            this.sizes = sizes;
            sizes.forEach((region, agents) -> Optional.ofNullable(pacing.window(agents))
                    .ifPresent(window -> windows.put(region, window)));
        }

        /** The next {@code count} slots of the wave of {@code next}'s Region; null: they may sign in at once. */
        SignInSlots take(Optional<InstanceRef> next, int count) {
            return next.map(InstanceRef::region).filter(windows::containsKey)
                    .map(region -> new SignInSlots(windows.get(region), taken.merge(region, count, Integer::sum) - count,
                            sizes.get(region)))
                    .orElse(null);
        }
    }

    /** Sessions that get the same RELOGIN message: one company, with or without a lost call. */
    private record Audience(String companyCode, boolean callLost) {
    }

    private List<Company> companiesOf(InstanceRef instance) {
        return companies.all().stream()
                .filter(c -> c.instance(instance.instanceId()).isPresent())
                .toList();
    }

    private static long millis(Duration duration) {
        return duration == null ? -1 : duration.toMillis();
    }

    private Optional<InstanceRef> nextInstance(String companyCode, InstanceRef down) {
        return companies.find(companyCode).map(Company::connectInstances).orElse(List.of()).stream()
                .filter(i -> !i.instanceId().equals(down.instanceId()))
                .filter(i -> health.state(i.instanceId()) != InstanceState.DOWN)
                .findFirst();
    }
}
