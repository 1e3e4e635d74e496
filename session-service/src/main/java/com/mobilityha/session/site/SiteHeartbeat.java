package com.mobilityha.session.site;

import com.mobilityha.common.config.MobilityConfig;
import com.mobilityha.common.site.SiteLiveness;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Renews this site's heartbeat in Redis while, and only while, this pod is ready (readiness drives
 * it: Redis reachable, not shutting down). A site whose pods are all not ready loses its heartbeat
 * after {@code session.site.heartbeat-ttl} and the other site takes it over. A site that beats
 * again (its heartbeat had lapsed: restarted, or frozen and thawed) clears the record of its
 * takeover, but its sessions stay where they were moved (S7).
 */
@ApplicationScoped
public class SiteHeartbeat {
    private static final Logger LOG = Logger.getLogger(SiteHeartbeat.class);

    private final SiteLiveness liveness;
    private final SmallRyeHealthReporter health;
    private final SiteConfig config;
    private final String site;
    private final String pod = UUID.randomUUID().toString().substring(0, 8);
    private volatile boolean beating;
    private volatile Instant beatingSince = Instant.MAX;

    SiteHeartbeat(SiteLiveness liveness, SmallRyeHealthReporter health, SiteConfig config, MobilityConfig mobility) {
        this.liveness = liveness;
        this.health = health;
        this.config = config;
        this.site = mobility.site();
    }

    @Scheduled(every = "${session.site.heartbeat-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void beat() {
        boolean ready;
        try {
            ready = !health.getReadiness().isDown();
        } catch (RuntimeException e) {
            ready = false;
        }
        if (!ready) {
            if (beating) {
                LOG.warnf("Site %s is not ready: its heartbeat is no longer renewed", site);
            }
            stopBeating();
            return;
        }
        try {
            SiteLiveness.Beat beat = liveness.beat(site, pod, config.heartbeatTtl());
            if (beat.resumed()) {
                LOG.infof("Site %s beats%s", site, beat.clearedTakeover().map(takeover -> " again after it was taken over by "
                        + takeover.survivor() + " at epoch " + takeover.epoch() + " (its sessions stay there, S7)").orElse(""));
            }
            if (!beating) {
                beatingSince = Instant.now();
            }
            beating = true;
        } catch (RuntimeException e) {
            stopBeating();
            LOG.warnf("Site %s cannot renew its heartbeat: %s", site, e.getMessage());
        }
    }

    /**
     * True once this pod has renewed the heartbeat without a gap for {@code minimum}: a site that
     * has just come back (from its own outage, or from Redis's) gives the other site as long to
     * beat again before it may take it over, so a Redis failover never turns into a site takeover.
     */
    public boolean beatingFor(Duration minimum) {
        Instant since = beatingSince;
        return beating && !since.equals(Instant.MAX) && !Instant.now().isBefore(since.plus(minimum));
    }

    private void stopBeating() {
        beating = false;
        beatingSince = Instant.MAX;
    }

    /** This site's name. */
    public String site() {
        return site;
    }
}
