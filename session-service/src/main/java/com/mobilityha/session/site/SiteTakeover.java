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
import com.mobilityha.common.session.SessionStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * S6: watches the other sites' heartbeats; when one has expired, this site (if it is beating
 * itself) claims the takeover in one atomic Redis script, so that of two sites, even partitioned
 * from each other, exactly one owns it: Redis is the arbiter, and a site that cannot reach Redis
 * can neither beat nor claim. The claim carries a fencing epoch; the owner re-homes the dead
 * site's sessions (their Connect login and tokens untouched: no re-login) and queues a WAKE push
 * for each so that the app asks {@code GET /api/v1/servers/active} and carries on here.
 */
@ApplicationScoped
public class SiteTakeover {
    private static final Logger LOG = Logger.getLogger(SiteTakeover.class);
    private static final int BATCH = 500;
    /** KEYS: dead heartbeat, takeover record, dead site's sessions, epoch, own heartbeat; ARGV: survivor. */
    private static final String CLAIM = """
            if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
            if redis.call('EXISTS', KEYS[5]) == 0 or redis.call('SCARD', KEYS[3]) == 0 then return 0 end
            local epoch = redis.call('INCR', KEYS[4])
            redis.call('SET', KEYS[2], ARGV[1] .. ':' .. epoch)
            return epoch""";
    /** KEYS: takeover record, from, to; ARGV[1]: expected record, ARGV[2..]: ids. Fenced: -1 when superseded. */
    private static final String MOVE = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
            local moved = 0
            for i = 2, #ARGV do moved = moved + redis.call('SMOVE', KEYS[2], KEYS[3], ARGV[i]) end
            return moved""";

    private final RedisDataSource redis;
    private final SessionRepository sessions;
    private final NotificationPublisher publisher;
    private final SiteHeartbeat heartbeat;
    private final SiteConfig config;
    private final MeterRegistry metrics;
    private final FailoverJournal journal;
    private final Map<String, Double> heartbeatAges = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastRenewals = new ConcurrentHashMap<>();

    SiteTakeover(RedisDataSource redis, SessionRepository sessions, NotificationPublisher publisher,
                 SiteHeartbeat heartbeat, SiteConfig config, MeterRegistry metrics, FailoverJournal journal) {
        this.journal = journal;
        this.redis = redis;
        this.sessions = sessions;
        this.publisher = publisher;
        this.heartbeat = heartbeat;
        this.config = config;
        this.metrics = metrics;
        config.names().forEach(site -> Gauge.builder("mobility.site.heartbeat.age", heartbeatAges,
                        ages -> ages.getOrDefault(site, Double.NaN))
                .tag("site", site).baseUnit("seconds")
                .description("Seconds since the site's heartbeat was last renewed (TTL when gone)")
                .register(metrics));
    }

    @Scheduled(every = "${session.site.heartbeat-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void watch() {
        for (String other : config.names()) {
            try {
                recordAge(other);
                if (!other.equals(heartbeat.site()) && heartbeat.beatingFor(config.heartbeatTtl())) {
                    long epoch = claim(other);
                    if (epoch == 0) {
                        epoch = unfinishedTakeover(other);
                    }
                    if (epoch > 0) {
                        takeOver(other, epoch);
                    }
                }
            } catch (RuntimeException e) {
                LOG.warnf("Cannot watch site %s: %s", other, e.getMessage());
            }
        }
    }

    private long claim(String dead) {
        return redis.execute("EVAL", CLAIM, "5", RedisKeys.siteHeartbeat(dead), RedisKeys.siteTakeover(dead),
                RedisKeys.siteSessions(dead), RedisKeys.siteEpoch(), RedisKeys.siteHeartbeat(heartbeat.site()),
                heartbeat.site()).toLong();
    }

    /** The epoch of this site's takeover of {@code dead} that still has sessions to move (it was cut short), else 0. */
    private long unfinishedTakeover(String dead) {
        String record = redis.value(String.class).get(RedisKeys.siteTakeover(dead));
        String mine = heartbeat.site() + ":";
        if (record == null || !record.startsWith(mine) || redis.set(String.class).scard(RedisKeys.siteSessions(dead)) == 0) {
            return 0;
        }
        return Long.parseLong(record.substring(mine.length()));
    }

    private void takeOver(String dead, long epoch) {
        Instant decided = Instant.now();
        String survivor = heartbeat.site();
        String record = survivor + ":" + epoch;
        LOG.warnf("Site %s has no heartbeat: site %s takes over its sessions (epoch %d)", dead, survivor, epoch);
        metrics.counter("mobility.site.takeovers", "from", dead, "to", survivor).increment();
        List<String> ids = List.copyOf(redis.set(String.class).smembers(RedisKeys.siteSessions(dead)));
        FailoverTally tally = new FailoverTally();
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + BATCH));
            List<SessionRecord> live = sessions.findAll(chunk).stream()
                    .filter(s -> s.status() != SessionStatus.ENDED && dead.equals(s.site()))
                    .map(s -> s.withSite(survivor))
                    .toList();
            List<SessionRecord> rehomed = sessions.replaceAll(live);
            if (!move(record, dead, survivor, chunk)) {
                LOG.warnf("Takeover of %s at epoch %d was superseded; stopping", dead, epoch);
                return;
            }
            wake(rehomed, "failover: site " + dead + " -> " + survivor, tally);
        }
        long moved = tally.sessions();
        journal(dead, survivor, decided, tally);
        metrics.counter("mobility.site.rehomed.sessions", "from", dead, "to", survivor).increment(moved);
        LOG.infof("Site %s took over %d sessions of site %s (epoch %d); WAKE queued for each", survivor, moved, dead, epoch);
    }

    private boolean move(String record, String from, String to, List<String> ids) {
        List<String> args = new ArrayList<>(List.of(MOVE, "3", RedisKeys.siteTakeover(from), RedisKeys.siteSessions(from),
                RedisKeys.siteSessions(to), record));
        args.addAll(ids);
        return redis.execute("EVAL", args.toArray(String[]::new)).toLong() >= 0;
    }

    /** Queues a WAKE for each company's re-homed sessions and tallies it. */
    private void wake(List<SessionRecord> rehomed, String origin, FailoverTally tally) {
        rehomed.stream().collect(Collectors.groupingBy(SessionRecord::companyCode,
                        Collectors.mapping(SessionRecord::sessionId, Collectors.toList())))
                .forEach((company, ids) -> tally.pushed(company, publisher.publish(
                        Notification.of(PushKind.WAKE, company, ids, origin)
                                .saying("Your mobility server changed. You are still signed in.")), ids.size()));
    }

    /** One journal entry per company that had sessions on the dead site, timed from its last renewal. */
    private void journal(String dead, String survivor, Instant decided, FailoverTally tally) {
        Instant lastRenewal = lastRenewals.get(dead);
        long detection = lastRenewal == null ? -1 : Duration.between(lastRenewal, decided).toMillis();
        long handling = Duration.between(decided, Instant.now()).toMillis();
        tally.companies().forEach(company -> journal.record(company, tally.event(company, FailoverEvent.Kind.SITE_TAKEOVER,
                dead, survivor, decided, detection, handling)));
    }

    /** The heartbeat's age (a gauge) and, while it lives, when it was last renewed (a takeover's detection time). */
    private void recordAge(String site) {
        long pttl = redis.execute("PTTL", RedisKeys.siteHeartbeat(site)).toLong();
        long ttl = config.heartbeatTtl().toMillis();
        heartbeatAges.put(site, (pttl < 0 ? ttl : ttl - pttl) / 1000.0);
        if (pttl >= 0) {
            lastRenewals.put(site, Instant.now().minusMillis(Math.max(0, ttl - pttl)));
        }
    }
}
