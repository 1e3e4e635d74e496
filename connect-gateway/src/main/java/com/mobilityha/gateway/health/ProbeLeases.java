package com.mobilityha.gateway.health;

import com.mobilityha.common.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Which gateway pod probes a Connect instance, so that probing stays within the account's API budget
 * however many pods run: one pod per site ({@link RedisKeys#prober}), so that each site judges its own
 * link to Connect; and which pod reads its agent event stream, the data plane's news of it
 * ({@link RedisKeys#agentEventReader}). Leases are
 * sticky: the holder renews its own; a dead holder's lease expires and another pod takes it.
 */
@ApplicationScoped
public class ProbeLeases {
    /** KEYS: lease. ARGV: pod, ttl in ms. Returns 1 when held. */
    private static final String HOLD = """
            local holder = redis.call('GET', KEYS[1])
            if holder == ARGV[1] or not holder then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return 1
            end
            return 0""";

    /** KEYS: lease. ARGV: holder (pod). Gives the lease up if held; every gateway lease of one holder uses it. */
    public static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
            return 1""";

    private final RedisDataSource redis;

    ProbeLeases(RedisDataSource redis) {
        this.redis = redis;
    }

    /** Holds (takes or renews) the site's lease of probing the instance for {@code ttl}; true when this pod holds it. */
    public boolean holdProbing(String instanceId, String site, String pod, Duration ttl) {
        return hold(RedisKeys.prober(instanceId, site), pod, ttl);
    }

    /** Holds the lease of reading the instance's agent event stream for {@code ttl}; true when this pod holds it. */
    public boolean holdEventReader(String instanceId, String pod, Duration ttl) {
        return hold(RedisKeys.agentEventReader(instanceId), pod, ttl);
    }

    /** Gives up reading the instance's agent events, so that another pod (maybe of the other site) takes over. */
    public void releaseEventReader(String instanceId, String pod) {
        redis.execute("EVAL", RELEASE, "1", RedisKeys.agentEventReader(instanceId), pod);
    }

    /** Gives up this pod's lease of probing the instance (shutdown), so that another pod of its site takes over at once. */
    public void releaseProbing(String instanceId, String site, String pod) {
        redis.execute("EVAL", RELEASE, "1", RedisKeys.prober(instanceId, site), pod);
    }

    private boolean hold(String key, String pod, Duration ttl) {
        return redis.execute("EVAL", HOLD, "1", key, pod, Long.toString(ttl.toMillis())).toInteger() == 1;
    }
}
