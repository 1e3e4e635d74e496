package com.mobilityha.gateway.health;

import com.mobilityha.common.config.MobilityConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;


import java.time.Instant;

/**
 * Instance states shared by both sites in Redis ({@code mha:connect-instance:<id>}). A transition
 * is a compare-and-set that bumps an epoch: of two sites seeing the same transition, exactly one
 * gets the new epoch and does the transition's duties.
 */
@ApplicationScoped
public class SharedInstanceStates {
    private static final String TRANSITION = """
            local current = redis.call('HGET', KEYS[1], 'state')
            if current == ARGV[1] then return 0 end
            local epoch = redis.call('HINCRBY', KEYS[1], 'epoch', 1)
            redis.call('HSET', KEYS[1], 'state', ARGV[1], 'since', ARGV[2], 'by', ARGV[3])
            return epoch""";

    private final RedisDataSource redis;
    private final String site;

    SharedInstanceStates(RedisDataSource redis, MobilityConfig mobility) {
        this.redis = redis;
        this.site = mobility.site();
    }

    static String key(String instanceId) {
        return "mha:connect-instance:" + instanceId;
    }

    /** Records a transition; the new epoch when this site made it, 0 when the state was already so. */
    public long transition(String instanceId, InstanceState state) {
        return redis.execute("EVAL", TRANSITION, "1", key(instanceId), state.name(), Instant.now().toString(), site)
                .toLong();
    }
}
