package com.mobilityha.localstack.quarkustest;

import com.mobilityha.localstack.redis.AdminConnection;
import com.mobilityha.localstack.redis.RedisSentinelSet;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * Starts a {@link RedisSentinelSet} (master, replica, three Sentinels) for a {@code @QuarkusTest},
 * puts the Redis client in Sentinel mode on it (the service's own ACL user, over TLS) and makes
 * the writes that must survive a master failover wait for the replica.
 * Inject the set with {@link Inject} to kill or freeze its master, and the admin's connection to the
 * master with {@link AdminRedis}.
 */
public class RedisSentinelResource implements QuarkusTestResourceLifecycleManager {
    private RedisSentinelSet set;
    private AdminConnection admin;

    /** Marks a test field to receive the {@link RedisSentinelSet}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {
    }

    @Override
    public Map<String, String> start() {
        set = RedisSentinelSet.start();
        admin = AdminConnection.toMasterOf(set);
        return set.serviceProperties(TestedService.name());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(set, new TestInjector.AnnotatedAndMatchesType(Inject.class, RedisSentinelSet.class));
        injector.injectIntoFields(admin.dataSource(), new TestInjector.AnnotatedAndMatchesType(AdminRedis.class, RedisDataSource.class));
    }

    @Override
    public void stop() {
        // the servers stop even when the admin's client fails to close (Quarkus may have torn down the context it ran in):
        // a resource that throws here also leaves the resources after it running
        try {
            if (admin != null) {
                admin.close();
            }
        } finally {
            if (set != null) {
                set.close();
            }
        }
    }
}
