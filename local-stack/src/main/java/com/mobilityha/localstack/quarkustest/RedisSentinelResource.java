package com.mobilityha.localstack.quarkustest;

import com.mobilityha.localstack.redis.RedisSentinelSet;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts a {@link RedisSentinelSet} (master, replica, three Sentinels) for a {@code @QuarkusTest},
 * puts the Redis client in Sentinel mode on it and makes session writes wait for the replica.
 * Inject the set with {@link Inject} to kill or freeze its master.
 */
public class RedisSentinelResource implements QuarkusTestResourceLifecycleManager {
    private RedisSentinelSet set;

    /** Marks a test field to receive the {@link RedisSentinelSet}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {
    }

    @Override
    public Map<String, String> start() {
        set = RedisSentinelSet.start();
        Map<String, String> config = new HashMap<>(set.quarkusProperties());
        config.put("session.write-ack.replicas", "1");
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(set, new TestInjector.AnnotatedAndMatchesType(Inject.class, RedisSentinelSet.class));
    }

    @Override
    public void stop() {
        if (set != null) {
            set.close();
        }
    }
}
