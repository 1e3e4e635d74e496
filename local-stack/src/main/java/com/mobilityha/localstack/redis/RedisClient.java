package com.mobilityha.localstack.redis;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.runtime.datasource.BlockingRedisDataSourceImpl;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;

/**
 * A real redis-server for one test class and the same {@link RedisDataSource} the services use on
 * it, without a Quarkus application: for contract tests of the shared records in {@code common}.
 * Register it as a static {@code @RegisterExtension} field; it is up before the class's
 * {@code @BeforeAll} methods run and gone after the class.
 */
public final class RedisClient implements BeforeAllCallback, AfterAllCallback {
    private RedisProcess server;
    private Vertx vertx;
    private Redis redis;
    private RedisDataSource dataSource;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = RedisProcess.start();
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, server.uri());
        dataSource = new BlockingRedisDataSourceImpl(vertx, redis, RedisAPI.api(redis), Duration.ofSeconds(5));
    }

    public RedisDataSource dataSource() {
        return dataSource;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        redis.close();
        vertx.closeAndAwait();
        server.close();
    }
}
