package com.mobilityha.localstack.redis;

import io.quarkus.redis.datasource.RedisDataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real redis-server for one test class and the same {@link RedisDataSource} the services use on
 * it, without a Quarkus application: for contract tests of the shared records in {@code common}.
 * Register it as a static {@code @RegisterExtension} field; it is up before the class's
 * {@code @BeforeAll} methods run and gone after the class.
 */
public final class RedisClient implements BeforeAllCallback, AfterAllCallback {
    private RedisProcess server;
    private AdminConnection connection;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = RedisProcess.start();
        connection = AdminConnection.to(server.uri());
    }

    public RedisDataSource dataSource() {
        return connection.dataSource();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        connection.close();
        server.close();
    }
}
