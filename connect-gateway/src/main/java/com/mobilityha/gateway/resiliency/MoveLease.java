package com.mobilityha.gateway.resiliency;

import com.mobilityha.common.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;

/**
 * B3: which gateway pod moves a Global Resiliency company's sessions now ({@link RedisKeys#agentsMove}). A move
 * of a thousand agents lasts longer than a watch round, and an instance's failover starts one beside the watch:
 * without the lease every pod that follows the group would spend Connect's budget on the same agents. The
 * holder renews it before each agent; a dead holder's lease expires after {@code gateway.global-resiliency.move-lease}
 * and the next round finishes its move.
 */
@ApplicationScoped
public class MoveLease {
    /** KEYS: lease. ARGV: holder, ttl in ms. Returns 1 while the holder keeps it. */
    private static final String RENEW = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return 1
            end
            return 0""";

    private final RedisDataSource redis;
    private final Duration ttl;

    MoveLease(RedisDataSource redis,
              @ConfigProperty(name = "gateway.global-resiliency.move-lease", defaultValue = "30s") Duration ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    /** Takes the company's lease if no pod holds it; the holder's id, empty when another pod is moving its agents. */
    public Optional<String> take(String companyCode) {
        return RedisLease.take(redis, RedisKeys.agentsMove(companyCode), ttl);
    }

    /** Renews the holder's lease; false when it lost it (expired, and maybe taken by another pod). */
    public boolean renew(String companyCode, String holder) {
        return redis.execute("EVAL", RENEW, "1", RedisKeys.agentsMove(companyCode), holder,
                String.valueOf(ttl.toMillis())).toInteger() == 1;
    }

    /** The holder is done: the next move may start at once. */
    public void release(String companyCode, String holder) {
        RedisLease.release(redis, RedisKeys.agentsMove(companyCode), holder);
    }
}
