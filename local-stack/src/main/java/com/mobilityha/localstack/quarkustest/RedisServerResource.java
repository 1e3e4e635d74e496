package com.mobilityha.localstack.quarkustest;

import com.mobilityha.localstack.redis.RedisProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Starts a real redis-server for a {@code @QuarkusTest} and points {@code quarkus.redis.hosts} at it. */
public class RedisServerResource implements QuarkusTestResourceLifecycleManager {
    private RedisProcess redis;

    @Override
    public Map<String, String> start() {
        redis = RedisProcess.start();
        return Map.of("quarkus.redis.hosts", redis.uri());
    }

    @Override
    public void stop() {
        if (redis != null) {
            redis.close();
        }
    }
}
