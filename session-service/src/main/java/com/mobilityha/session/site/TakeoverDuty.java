package com.mobilityha.session.site;

import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.site.Takeover;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.UUID;

/**
 * Which pod of the survivor carries out a takeover (its WAKEs, then its moves). Every pod of the site watches
 * the dead one and sees the same takeover to finish; without this the others would wake the same phones again.
 * The pod that works holds a lease named after the takeover, renews it batch by batch and drops it at the end;
 * if it dies, the lease lapses ({@code session.site.heartbeat-ttl} twice) and another pod's next round finishes
 * the takeover (the phones it had woken may then be woken again: at least once).
 */
@ApplicationScoped
class TakeoverDuty {
    private static final Logger LOG = Logger.getLogger(TakeoverDuty.class);
    /** KEYS: the duty. ARGV: holder, lease in ms. 1 when the holder holds it now (taken or renewed). */
    private static final String HOLD = """
            local holder = redis.call('GET', KEYS[1])
            if holder and holder ~= ARGV[1] then return 0 end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return 1""";
    /** KEYS: the duty. ARGV: holder. Drops it if the holder holds it. */
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
            return 1""";

    private final RedisDataSource redis;
    private final Duration lease;
    private final String pod = UUID.randomUUID().toString().substring(0, 8);

    TakeoverDuty(RedisDataSource redis, SiteConfig config) {
        this.redis = redis;
        this.lease = config.heartbeatTtl().multipliedBy(2);
    }

    /** Takes the duty of this takeover, or renews this pod's hold on it; false while another pod holds it. */
    boolean hold(String dead, Takeover takeover) {
        return redis.execute("EVAL", HOLD, "1", RedisKeys.siteTakeoverDuty(dead), holder(takeover),
                Long.toString(lease.toMillis())).toInteger() == 1;
    }

    /** The takeover is finished (or superseded, or cut short) as far as this pod is concerned. */
    void release(String dead, Takeover takeover) {
        try {
            redis.execute("EVAL", RELEASE, "1", RedisKeys.siteTakeoverDuty(dead), holder(takeover));
        } catch (RuntimeException unreachable) {
            LOG.debugf("Takeover duty of %s not released (it lapses by itself): %s", dead, unreachable.getMessage());
        }
    }

    private String holder(Takeover takeover) {
        return pod + "/" + takeover.record();
    }
}
