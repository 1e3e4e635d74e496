package com.mobilityha.gateway.health;

import com.mobilityha.common.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Which gateway pod probes a Connect instance, so that probing stays within the account's API budget
 * however many pods run: one pod of all sites while all is calm ({@link RedisKeys#calmProber}), one
 * pod per site while the instance is in doubt ({@link RedisKeys#siteProber}); and which pod reads its
 * agent event stream, the data plane's news of it ({@link RedisKeys#agentEventReader}). Leases are
 * sticky: the holder renews its own; a dead holder's lease expires and another pod takes it.
 */
@ApplicationScoped
public class ProbeLeases {
    /** KEYS: lease. ARGV: pod, ttl in ms, '1' to take it over from another holder. Returns 1 when held. */
    private static final String HOLD = """
            local holder = redis.call('GET', KEYS[1])
            if holder == ARGV[1] or not holder or ARGV[3] == '1' then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return 1
            end
            return 0""";

    /** KEYS: lease. ARGV: pod. Gives the lease up if held. */
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
            return 1""";

    private final RedisDataSource redis;

    ProbeLeases(RedisDataSource redis) {
        this.redis = redis;
    }

    /** Holds (takes or renews) the calm lease of the instance for {@code ttl}; true when this pod holds it. */
    public boolean holdCalm(String instanceId, String pod, Duration ttl) {
        return hold(RedisKeys.calmProber(instanceId), pod, ttl, false);
    }

    /**
     * Holds the site's doubt lease of the instance for {@code ttl}; the calm prober takes it over, so that
     * the pod whose view everyone has been reading keeps probing.
     */
    public boolean holdSite(String instanceId, String site, String pod, Duration ttl, boolean takeOver) {
        return hold(RedisKeys.siteProber(instanceId, site), pod, ttl, takeOver);
    }

    /** Holds the lease of reading the instance's agent event stream for {@code ttl}; true when this pod holds it. */
    public boolean holdEventReader(String instanceId, String pod, Duration ttl) {
        return hold(RedisKeys.agentEventReader(instanceId), pod, ttl, false);
    }

    /** Gives up reading the instance's agent events, so that another pod (maybe of the other site) takes over. */
    public void releaseEventReader(String instanceId, String pod) {
        redis.execute("EVAL", RELEASE, "1", RedisKeys.agentEventReader(instanceId), pod);
    }

    /** Gives up this pod's leases of the instance (shutdown), so that another pod takes over at once. */
    public void release(String instanceId, String site, String pod) {
        redis.execute("EVAL", RELEASE, "1", RedisKeys.calmProber(instanceId), pod);
        redis.execute("EVAL", RELEASE, "1", RedisKeys.siteProber(instanceId, site), pod);
    }

    private boolean hold(String key, String pod, Duration ttl, boolean takeOver) {
        return redis.execute("EVAL", HOLD, "1", key, pod, Long.toString(ttl.toMillis()), takeOver ? "1" : "0")
                .toInteger() == 1;
    }
}
