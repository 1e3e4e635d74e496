package com.mobilityha.localstack.quarkustest;

import com.mobilityha.localstack.redis.AdminConnection;
import com.mobilityha.localstack.redis.RedisProcess;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts a real redis-server for a {@code @QuarkusTest} and points {@code quarkus.redis.hosts} at it;
 * the service logs in as its own ACL user, over TLS, as in production. A test's {@link AdminRedis}
 * field gets the admin's connection.
 */
public class RedisServerResource implements QuarkusTestResourceLifecycleManager {
    private RedisProcess redis;
    private AdminConnection admin;

    @Override
    public Map<String, String> start() {
        redis = RedisProcess.start();
        admin = AdminConnection.to(redis.uri());
        return redis.serviceProperties(TestedService.name());
    }

    @Override
    public void inject(TestInjector injector) {
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
            if (redis != null) {
                redis.close();
            }
        }
    }
}
