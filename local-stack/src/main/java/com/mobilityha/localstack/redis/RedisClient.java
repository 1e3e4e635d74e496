package com.mobilityha.localstack.redis;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.runtime.datasource.BlockingRedisDataSourceImpl;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;

import java.time.Duration;

/**
 * The same {@link RedisDataSource} the services use, on a real redis-server, without a Quarkus
 * application: for contract tests of the shared records in {@code common}.
 */
public final class RedisClient implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final Redis redis;
    private final RedisDataSource dataSource;

    public RedisClient(RedisProcess server) {
        redis = Redis.createClient(vertx, server.uri());
        dataSource = new BlockingRedisDataSourceImpl(vertx, redis, RedisAPI.api(redis), Duration.ofSeconds(5));
    }

    public RedisDataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        redis.close();
        vertx.closeAndAwait();
    }
}
