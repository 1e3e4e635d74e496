package com.mobilityha.localstack.redis;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.runtime.datasource.BlockingRedisDataSourceImpl;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;

import java.time.Duration;
import java.util.List;

/**
 * The same {@link RedisDataSource} the services use, logged in as the {@link RedisSecurity#ADMIN}
 * user: what tests use to see or empty Redis beyond the keys and commands the tested service's own
 * user is allowed ({@code KEYS}, {@code FLUSHALL}, another service's records).
 */
public final class AdminConnection implements AutoCloseable {
    private final Vertx vertx;
    private final Redis redis;
    private final RedisDataSource dataSource;

    private AdminConnection(RedisOptions options) {
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, options);
        dataSource = new BlockingRedisDataSourceImpl(vertx, redis, RedisAPI.api(redis), Duration.ofSeconds(5));
    }

    /** To the redis-server at {@code uri}. */
    public static AdminConnection to(String uri) {
        return new AdminConnection(asAdmin(List.of(uri)));
    }

    /** To the master of {@code set}, wherever its Sentinels say it is (it follows a failover). */
    public static AdminConnection toMasterOf(RedisSentinelSet set) {
        return new AdminConnection(asAdmin(List.of(set.sentinelHosts().split(",")))
                .setType(RedisClientType.SENTINEL).setMasterName(RedisSentinelSet.MASTER_NAME).setRole(RedisRole.MASTER));
    }

    /** Options to reach the local servers (or Sentinels) at {@code uris} over TLS as the admin user. */
    private static RedisOptions asAdmin(List<String> uris) {
        RedisSecurity security = RedisSecurity.local();
        String credentials = RedisSecurity.ADMIN + ":" + security.password(RedisSecurity.ADMIN) + "@"; // base64url: nothing to escape
        return new RedisOptions().setEndpoints(uris.stream().map(uri -> uri.replace("://", "://" + credentials)).toList())
                .setNetClientOptions(new NetClientOptions().setSsl(true).setHostnameVerificationAlgorithm("HTTPS")
                        .setTrustOptions(new PemTrustOptions().addCertPath(security.caCertificate().toString())));
    }

    public RedisDataSource dataSource() {
        return dataSource;
    }

    /** The client under {@link #dataSource()}, for connections of one's own (tracking, pub/sub). */
    public Redis client() {
        return redis;
    }

    @Override
    public void close() {
        redis.close();
        vertx.closeAndAwait();
    }
}
