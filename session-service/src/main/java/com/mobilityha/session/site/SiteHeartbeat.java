package com.mobilityha.session.site;

import com.mobilityha.common.config.MobilityConfig;
import com.mobilityha.common.site.SiteLiveness;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Renews this site's heartbeat in Redis while, and only while, the site can serve its agents: this
 * pod is ready (Redis reachable, not shutting down) and the rest of the site's serving path answers
 * ({@link SiteServing}: its connect-gateway ready, its ingress where checked). A site that cannot
 * serve its agents loses its heartbeat after {@code session.site.heartbeat-ttl} and the other site
 * takes it over. A site that beats again (its heartbeat had lapsed: restarted, frozen and thawed, or
 * its gateways back) clears the record of its takeover, but its sessions stay where they were moved (S7).
 */
@ApplicationScoped
public class SiteHeartbeat {
    private static final Logger LOG = Logger.getLogger(SiteHeartbeat.class);

    private final SiteLiveness liveness;
    private final SmallRyeHealthReporter health;
    private final SiteServing serving;
    private final SiteConfig config;
    private final String site;
    private final String pod = UUID.randomUUID().toString().substring(0, 8);
    /** Since when this pod has renewed the heartbeat without a gap; {@link Instant#MAX} while it does not. */
    private volatile Instant beatingSince = Instant.MAX;
    /** When the renewal in flight was sent; null between renewals. */
    private volatile Instant renewalSent;

    SiteHeartbeat(SiteLiveness liveness, SmallRyeHealthReporter health, SiteServing serving, SiteConfig config,
                  MobilityConfig mobility) {
        this.liveness = liveness;
        this.health = health;
        this.serving = serving;
        this.config = config;
        this.site = mobility.site();
    }

    @Scheduled(every = "${session.site.heartbeat-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void beat() {
        Optional<String> unserved = unservedBecause();
        if (unserved.isPresent()) {
            if (!beatingSince.equals(Instant.MAX)) {
                LOG.warnf("Site %s cannot serve its agents (%s): its heartbeat is no longer renewed", site,
                        unserved.get());
            }
            stopBeating();
            return;
        }
        Instant sent = Instant.now();
        renewalSent = sent;
        try {
            SiteLiveness.Beat beat = liveness.beat(site, pod, config.heartbeatTtl());
            if (beat.resumed()) {
                LOG.infof("Site %s beats%s", site, beat.clearedTakeover().map(takeover -> " again after it was taken over by "
                        + takeover.survivor() + " at epoch " + takeover.epoch() + " (its sessions stay there, S7)").orElse(""));
            }
            Instant answered = Instant.now();
            if (beatingSince.equals(Instant.MAX) || beat.resumed() || stalled(sent, answered)) {
                beatingSince = answered;
            }
        } catch (RuntimeException e) {
            stopBeating();
            LOG.warnf("Site %s cannot renew its heartbeat: %s", site, e.getMessage());
        } finally {
            renewalSent = null;
        }
    }

    /**
     * A renewal unanswered for a third of the TTL: Redis was out of this site's reach meanwhile, and
     * its heartbeat may have lapsed (for another pod of the site, which renewed it first, that does
     * not show as {@link SiteLiveness.Beat#resumed()}).
     */
    private boolean stalled(Instant sent, Instant now) {
        return Duration.between(sent, now).compareTo(config.heartbeatTtl().dividedBy(3)) > 0;
    }

    private Optional<String> unservedBecause() {
        try {
            if (health.getReadiness().isDown()) {
                return Optional.of("this session-service pod is not ready");
            }
        } catch (RuntimeException e) {
            return Optional.of("this session-service pod's readiness unknown: " + e.getMessage());
        }
        return serving.unservedBecause();
    }

    /**
     * True once this pod has renewed the heartbeat without a gap for {@code minimum}, and no renewal
     * is stalled now: a site that has just come back (from its own outage, or from Redis's, whose end
     * it may learn of in the same instant as the other site's lapsed heartbeat) gives the other site
     * as long to beat again before it may take it over, so an outage shared by both sites or a Redis
     * failover never turns into a site takeover. Asked after an observation of the other site.
     */
    public boolean beatingFor(Duration minimum) {
        Instant sent = renewalSent;
        Instant since = beatingSince;
        Instant now = Instant.now();
        return (sent == null || !stalled(sent, now)) && !since.equals(Instant.MAX)
                && !now.isBefore(since.plus(minimum));
    }

    private void stopBeating() {
        beatingSince = Instant.MAX;
    }

    /** This site's name. */
    public String site() {
        return site;
    }
}
