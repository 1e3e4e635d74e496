package com.mobilityha.session.site;

import com.mobilityha.common.notification.Notification;
import com.mobilityha.common.notification.NotificationPublisher;
import com.mobilityha.common.notification.PushKind;
import com.mobilityha.common.ops.FailoverEvent;
import com.mobilityha.common.ops.FailoverJournal;
import com.mobilityha.common.ops.FailoverTally;
import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionRepository;
import com.mobilityha.common.site.SiteLiveness;
import com.mobilityha.common.site.SiteRecord;
import com.mobilityha.common.site.Takeover;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * S6: watches the other sites ({@link SiteWatch} decides, {@link SiteLiveness} is the arbiter in
 * Redis); when one has lapsed, this site, if it is beating itself, claims the takeover with a new
 * fencing epoch, queues a WAKE push for each of the dead site's sessions so that the app asks
 * {@code GET /api/v1/servers/active} and carries on here, and re-homes them (their Connect login and tokens
 * untouched: no re-login). Each batch of sessions is re-homed, records and site index together, in one
 * step fenced by the takeover: a takeover superseded (the dead site beats again, another claim)
 * changes nothing more, so records and indexes never disagree; no moved session goes without WAKE. One pod of
 * this site carries a takeover out ({@link TakeoverDuty}); one cut short (that pod died or lost Redis) is finished
 * by the next round of any pod of this site once its lease has lapsed.
 */
@ApplicationScoped
public class SiteTakeover {
    private static final Logger LOG = Logger.getLogger(SiteTakeover.class);
    private static final int BATCH = 500;

    private final SiteLiveness liveness;
    private final RedisDataSource redis;
    private final SessionRepository sessions;
    private final NotificationPublisher publisher;
    private final SiteHeartbeat heartbeat;
    private final SiteConfig config;
    private final MeterRegistry metrics;
    private final FailoverJournal journal;
    private final Tracer tracer;
    private final TakeoverDuty duty;
    private final Map<String, SiteWatch> watches = new LinkedHashMap<>();
    /**
     * Runs the rounds, one at a time, every {@code session.site.watch-interval}: Quarkus's scheduler checks its
     * triggers once a second, which would add up to a second to every detection.
     */
    private final ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "site-watch");
        thread.setDaemon(true);
        return thread;
    });

    SiteTakeover(SiteLiveness liveness, RedisDataSource redis, SessionRepository sessions, NotificationPublisher publisher,
                 SiteHeartbeat heartbeat, SiteConfig config, MeterRegistry metrics, FailoverJournal journal, Tracer tracer,
                 TakeoverDuty duty) {
        this.liveness = liveness;
        this.redis = redis;
        this.sessions = sessions;
        this.publisher = publisher;
        this.heartbeat = heartbeat;
        this.config = config;
        this.metrics = metrics;
        this.journal = journal;
        this.tracer = tracer;
        this.duty = duty;
        for (String site : config.names()) {
            SiteWatch watch = new SiteWatch(site, config.heartbeatTtl());
            watches.put(site, watch);
            Gauge.builder("mobility.site.heartbeat.age", watch, w -> w.heartbeatAge().toMillis() / 1000.0)
                    .tag("site", site).baseUnit("seconds")
                    .description("Seconds since the site's heartbeat was last renewed (TTL when gone)")
                    .register(metrics);
        }
    }

    void start(@Observes StartupEvent started) {
        long every = config.watchInterval().toMillis();
        rounds.scheduleWithFixedDelay(this::watchOnce, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * A round as the executor runs it: anything escaping it (an Error as well) would cancel every later round
     * without a word, and this site would never take over a dead one again, so it is logged and the rounds go on.
     */
    private void watchOnce() {
        try {
            watch();
        } catch (Throwable e) {
            LOG.errorf(e, "A round of the site watch failed; the next one runs in %s", config.watchInterval());
        }
    }

    @PreDestroy
    void stop() {
        rounds.shutdownNow();
    }

    /**
     * One round: each other site observed, and taken over when its heartbeat has lapsed and this site's own
     * has lived for a whole TTL up to the observation (a failure never ends the rounds).
     */
    void watch() {
        String self = heartbeat.site();
        watches.forEach((site, watch) -> {
            try {
                SiteRecord record = liveness.observe(site);
                boolean mayTakeOver = heartbeat.beatingFor(config.heartbeatTtl());
                switch (watch.observe(record, self, mayTakeOver, Instant.now())) {
                    case CLAIM -> liveness.claim(site, self).ifPresent(takeover -> takeOver(site, takeover, watch));
                    case RESUME -> takeOver(site, record.takenOverBy().orElseThrow(), watch);
                    case WAIT -> {
                    }
                }
            } catch (RuntimeException e) {
                LOG.warnf("Cannot watch site %s: %s", site, e.getMessage());
            }
        });
    }

    /**
     * One takeover is one trace: its span ({@code site takeover}) is current while the sessions are re-homed
     * and their WAKE published, so that the notifier's pushes join it (through the stream entries).
     * Package-private for the tests of a takeover superseded between its claim and its writes.
     */
    void takeOver(String dead, Takeover takeover, SiteWatch watch) {
        if (!duty.hold(dead, takeover)) {
            return; // another pod of this site is on it
        }
        Instant decided = Instant.now();
        Span span = tracer.spanBuilder("site takeover")
                .setAttribute("mobility.site.dead", dead)
                .setAttribute("mobility.site.survivor", takeover.survivor())
                .setAttribute("mobility.site.epoch", takeover.epoch())
                .setAttribute("mobility.site.detection_ms", watch.detection(decided).map(Duration::toMillis).orElse(-1L))
                .startSpan();
        try (Scope scope = span.makeCurrent()) {
            rehome(dead, takeover, watch, decided);
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
            duty.release(dead, takeover);
        }
    }

    /**
     * WAKE first, then the moves: the phones learn of the takeover while their sessions are still being
     * re-homed (any site serves any session, and {@code servers/active} names the survivor once the dead site's
     * heartbeat has lapsed), so the last WAKE does not wait for the last batch's move. A session moved without
     * having been woken (it became live meanwhile) is woken after its move.
     */
    private void rehome(String dead, Takeover takeover, SiteWatch watch, Instant decided) {
        String survivor = takeover.survivor();
        LOG.warnf("Site %s has no heartbeat: site %s takes over its sessions (epoch %d)", dead, survivor, takeover.epoch());
        metrics.counter("mobility.site.takeovers", "from", dead, "to", survivor).increment();
        List<String> ids = List.copyOf(redis.set(String.class).smembers(RedisKeys.siteSessions(dead)));
        if (!liveness.observe(dead).takenOverBy().equals(Optional.of(takeover))) {
            superseded(dead, takeover);
            return;
        }
        String origin = "failover: site " + dead + " -> " + survivor;
        FailoverTally tally = new FailoverTally();
        List<Batch> batches = new ArrayList<>();
        Set<String> woken = new HashSet<>();
        for (List<String> chunk : chunks(ids)) {
            if (!carriesOn(dead, takeover)) {
                return;
            }
            Batch batch = new Batch(chunk, sessions.findAll(chunk));
            List<SessionRecord> served = batch.read().stream().filter(s -> s.servedBy(dead)).toList();
            wake(served, origin, tally);
            served.forEach(s -> woken.add(s.sessionId()));
            batches.add(batch);
        }
        long moved = 0;
        for (Batch batch : batches) {
            if (!carriesOn(dead, takeover)) {
                return;
            }
            Optional<List<SessionRepository.Change>> rehomed = sessions.moveToSite(batch.ids(), batch.read(), dead,
                    survivor, liveness.fence(takeover, dead));
            if (rehomed.isEmpty()) {
                superseded(dead, takeover);
                return;
            }
            moved += rehomed.get().size();
            wake(rehomed.get().stream().map(SessionRepository.Change::after).filter(s -> !woken.contains(s.sessionId()))
                    .toList(), origin, tally);
        }
        Span.current().setAttribute("mobility.site.rehomed_sessions", moved);
        journal(dead, survivor, decided, watch, tally);
        metrics.counter("mobility.site.rehomed.sessions", "from", dead, "to", survivor).increment(moved);
        LOG.infof("Site %s took over %d sessions of site %s (epoch %d); WAKE queued for %d", survivor, moved, dead,
                takeover.epoch(), tally.sessions());
    }

    private static void superseded(String dead, Takeover takeover) {
        LOG.warnf("Takeover of %s at epoch %d was superseded; stopping", dead, takeover.epoch());
        Span.current().addEvent("superseded");
    }

    /**
     * Renews this pod's hold on the takeover's duty before a batch; false (logged) when this pod stalled past its
     * lease and another pod of the site carries on: this one stops, to wake nobody twice.
     */
    private boolean carriesOn(String dead, Takeover takeover) {
        if (duty.hold(dead, takeover)) {
            return true;
        }
        LOG.warnf("Takeover of %s at epoch %d: another pod of this site carries it on; stopping", dead, takeover.epoch());
        Span.current().addEvent("handed to another pod");
        return false;
    }

    /** A batch of the dead site's session ids and their sessions as the WAKE pass read them (the move starts from them). */
    private record Batch(List<String> ids, List<SessionRecord> read) {
    }

    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += BATCH) {
            batches.add(ids.subList(from, Math.min(ids.size(), from + BATCH)));
        }
        return batches;
    }

    /** Queues a WAKE for each company's sessions and tallies it. */
    private void wake(List<SessionRecord> served, String origin, FailoverTally tally) {
        served.stream().collect(Collectors.groupingBy(SessionRecord::companyCode,
                        Collectors.mapping(SessionRecord::sessionId, Collectors.toList())))
                .forEach((company, ids) -> tally.pushed(company, publisher.publish(
                        Notification.of(PushKind.WAKE, company, ids, origin)
                                .saying("Your mobility server changed. You are still signed in.")), ids.size()));
    }

    /** One journal entry per company that had sessions on the dead site, timed from its last renewal. */
    private void journal(String dead, String survivor, Instant decided, SiteWatch watch, FailoverTally tally) {
        long detection = watch.detection(decided).map(Duration::toMillis).orElse(-1L);
        long handling = Duration.between(decided, Instant.now()).toMillis();
        tally.companies().forEach(company -> journal.record(company, tally.event(company, FailoverEvent.Kind.SITE_TAKEOVER,
                dead, survivor, decided, detection, handling)));
    }
}
