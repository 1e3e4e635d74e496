package com.mobilityha.gateway.health;

import com.mobilityha.common.config.MobilityConfig;
import com.mobilityha.common.session.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
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
            if current == ARGV[1] then return {0, current} end
            local epoch = redis.call('HINCRBY', KEYS[1], 'epoch', 1)
            redis.call('HSET', KEYS[1], 'state', ARGV[1], 'since', ARGV[2], 'by', ARGV[3])
            return {epoch, current or ''}""";

    /** Records a first state unless one is recorded already; epoch 0, no transition. */
    private static final String INITIALIZE = """
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('HSET', KEYS[1], 'state', ARGV[1], 'since', ARGV[2], 'by', ARGV[3], 'epoch', 0)
            return 1""";

    private final RedisDataSource redis;
    private final String site;

    SharedInstanceStates(RedisDataSource redis, MobilityConfig mobility) {
        this.redis = redis;
        this.site = mobility.site();
    }

    /** Shares the state this site found first, when no site has recorded one yet (so the console shows it). */
    public void initialize(String instanceId, InstanceState state) {
        redis.execute("EVAL", INITIALIZE, "1", RedisKeys.connectInstance(instanceId), state.name(),
                Instant.now().toString(), site);
    }

    /** Records a transition; it carries the new epoch when this site made it, 0 when the state was already so. */
    public Transition transition(String instanceId, InstanceState state) {
        Response result = redis.execute("EVAL", TRANSITION, "1", RedisKeys.connectInstance(instanceId), state.name(),
                Instant.now().toString(), site);
        String previous = result.get(1).toString();
        return new Transition(result.get(0).toLong(), previous.isEmpty() ? null : InstanceState.valueOf(previous));
    }

    /**
     * The outcome of recording a state.
     *
     * @param epoch    the new epoch when this site made the transition, else 0
     * @param previous the shared state before (null when none was recorded yet)
     */
    public record Transition(long epoch, InstanceState previous) {
        /** True when this site made the transition and so does its duties. */
        public boolean won() {
            return epoch > 0;
        }
    }
}
