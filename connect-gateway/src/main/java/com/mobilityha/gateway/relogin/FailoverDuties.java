package com.mobilityha.gateway.relogin;

import com.mobilityha.common.instance.ConnectInstanceStates;
import com.mobilityha.common.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Who does the duty of an instance failover (one epoch of the shared state), so that it is done once
 * and finished even if its pod dies: the pod that won the transition claims it under a lease, renews
 * the lease while it works and marks it done at the end. A duty whose lease lapsed before it was done
 * is claimed by another pod ({@link UnfinishedFailovers}). One record per epoch, kept a day.
 */
@ApplicationScoped
public class FailoverDuties {
    /**
     * KEYS: duty hash. ARGV: pod, lease in ms, '1' to take over a lapsed duty (or one nobody claimed), how
     * long the record is kept in ms. Returns 1 when this pod holds the duty now.
     */
    private static final String CLAIM = """
            local clock = redis.call('TIME')
            local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
            if redis.call('HGET', KEYS[1], 'done') == '1' then return 0 end
            local owner = redis.call('HGET', KEYS[1], 'owner')
            local leased = (tonumber(redis.call('HGET', KEYS[1], 'leaseUntil')) or 0) > now
            if owner and owner ~= ARGV[1] and (leased or ARGV[3] ~= '1') then return 0 end
            redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'leaseUntil', now + tonumber(ARGV[2]), 'done', 0)
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            return 1""";

    /** KEYS: duty hash. ARGV: pod. Marks the duty done if this pod holds it. */
    private static final String DONE = """
            if redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then redis.call('HSET', KEYS[1], 'done', 1) end
            return 1""";
    private static final Duration KEPT = Duration.ofDays(1);

    private final RedisDataSource redis;
    private final String pod;
    private final Duration lease;

    FailoverDuties(RedisDataSource redis, ConnectInstanceStates states, ReloginConfig config) {
        this.redis = redis;
        this.pod = states.pod();
        this.lease = config.dutyLease();
    }

    /**
     * Claims the duty of this failover for the pod that won it, or renews this pod's lease on it while it
     * works; false when another pod has it or it is done.
     */
    public boolean claim(String instanceId, long epoch) {
        return run(CLAIM, instanceId, epoch, false);
    }

    /** Takes over the duty of this failover if nobody holds it and it is not done. */
    public boolean takeOver(String instanceId, long epoch) {
        return run(CLAIM, instanceId, epoch, true);
    }

    /** The duty is done. */
    public void done(String instanceId, long epoch) {
        redis.execute("EVAL", DONE, "1", RedisKeys.instanceFailoverDuty(instanceId, epoch), pod);
    }

    /** How long a claimed duty stays this pod's without a renewal. */
    public Duration lease() {
        return lease;
    }

    private boolean run(String script, String instanceId, long epoch, boolean takeOver) {
        return redis.execute("EVAL", script, "1", RedisKeys.instanceFailoverDuty(instanceId, epoch), pod,
                Long.toString(lease.toMillis()), takeOver ? "1" : "0", Long.toString(KEPT.toMillis())).toInteger() == 1;
    }
}
