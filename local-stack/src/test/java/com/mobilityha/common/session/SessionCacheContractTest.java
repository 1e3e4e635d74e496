package com.mobilityha.common.session;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mobilityha.common.redis.ReplicaAcks;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.common.session.SessionRecord.SessionUser;
import com.mobilityha.localstack.process.FreePorts;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.localstack.redis.AdminConnection;
import com.mobilityha.localstack.redis.RedisProcess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The session cache on a real redis-server, as authentication uses it: it answers without Redis while Redis
 * tracks it, and whatever happens to its tracking connection, a session changed by another service (a logout on
 * the other site) is never answered as it was for longer than max-staleness. The tracking connection goes
 * through a TCP proxy the tests freeze; the reads and writes go straight to Redis, as another service's would.
 */
class SessionCacheContractTest {
    private static final Duration MAX_STALENESS = Duration.ofMillis(800);
    private static final Duration LOGOUT_REFUSED_WITHIN = Duration.ofSeconds(1);
    private static final Instant CREATED = Instant.parse("2026-12-03T08:00:00Z");
    private static final SessionRecord ALICE = new SessionRecord("s-1", "acme", new SessionUser("alice", "u-a"),
            new InstanceRef("primary", "i-1", "us-east-1"), "primary", SessionStatus.ACTIVE, CREATED,
            CREATED.plus(Duration.ofHours(12)), null, null, null);
    private static final String HASH = "h-1";

    private static RedisProcess server;
    private static NioReactor reactor;
    private static TcpCrusher trackingLink;
    private static AdminConnection direct;
    private static AdminConnection otherService;
    private static AdminConnection tracked;
    private static Vertx vertx;
    private static RedisDataSource redis;
    private static SessionRepository otherServiceSessions;

    private SessionCache cache;
    private SessionTracking tracking;
    private SessionRepository sessions;
    private final AtomicInteger redisReads = new AtomicInteger();

    @BeforeAll
    static void redis() throws IOException {
        server = RedisProcess.start();
        reactor = new NioReactor();
        int proxyPort = FreePorts.next();
        trackingLink = TcpCrusherBuilder.builder().withReactor(reactor).withBindAddress("127.0.0.1", proxyPort)
                .withConnectAddress("127.0.0.1", server.port()).buildAndOpen();
        direct = AdminConnection.to(server.uri());
        otherService = AdminConnection.to(server.uri());
        tracked = AdminConnection.to("rediss://127.0.0.1:" + proxyPort);
        vertx = Vertx.vertx();
        redis = direct.dataSource();
        otherServiceSessions = repository(otherService.dataSource(), SessionCache.off());
    }

    @BeforeEach
    void aliceSignedInAndTheCacheServing() {
        redis.flushall();
        otherServiceSessions.creation(HASH, ALICE, Duration.ofHours(12))
                .forEach(write -> otherService.client().send(write).await().indefinitely());
        SessionCacheConfig config = new SessionCacheConfig() {
            public boolean enabled() {
                return true;
            }

            public Duration maxStaleness() {
                return MAX_STALENESS;
            }

            public int maxEntries() {
                return 1000;
            }
        };
        cache = new SessionCache(config, new SimpleMeterRegistry());
        tracking = new SessionTracking(cache, tracked.client(), redis.getReactive(), vertx, config);
        tracking.start(null);
        sessions = repository(redis, cache);
        Poll.require(cache::serving, "the cache serves once its tracking connection proved itself", Duration.ofSeconds(10));
        assertEquals(Optional.of(ALICE), read());
        assertEquals(Optional.of(ALICE), read());
        assertEquals(1, redisReads.get(), "the second read is answered from the cache");
    }

    @AfterEach
    void stopTracking() {
        if (trackingLink.isFrozen()) {
            trackingLink.unfreeze();
        }
        tracking.stop(null);
    }

    @AfterAll
    static void stop() {
        tracked.close();
        otherService.close();
        direct.close();
        vertx.close();
        trackingLink.close();
        reactor.close();
        server.close();
    }

    @Test
    void aSessionEndedByAnotherServiceIsReadEndedAtOnce() {
        otherServiceEnds();
        Poll.require(() -> read().orElseThrow().status() == SessionStatus.ENDED, "the invalidation arrived",
                LOGOUT_REFUSED_WITHIN);
        int readsAfterInvalidation = redisReads.get();
        read();
        assertEquals(readsAfterInvalidation, redisReads.get(), "and the ended session is kept in turn");
    }

    @Test
    void aFrozenTrackingConnectionCannotHideALogoutForMoreThanMaxStaleness() {
        trackingLink.freeze();
        long ended = otherServiceEnds();
        Poll.sleep(Math.max(0, Duration.ofNanos(ended + LOGOUT_REFUSED_WITHIN.toNanos() - System.nanoTime()).toMillis()));
        assertEquals(SessionStatus.ENDED, read().orElseThrow().status(),
                "a second after the logout the frozen connection's cache no longer answers: Redis does");
        assertFalse(cache.serving(), "and stays out of the way while the connection is frozen");

        trackingLink.unfreeze();
        Poll.require(cache::serving, "a new tracking connection proves itself", Duration.ofSeconds(10));
        read();
        int reads = redisReads.get();
        read();
        assertEquals(reads, redisReads.get(), "and the cache answers again");
    }

    @Test
    void thisServiceReadsItsOwnUpdateBeforeRedisSaysItChanged() {
        trackingLink.freeze();
        SessionRecord onACall = sessions.update(read().orElseThrow(), s -> Optional.of(s.reloginRequired()))
                .orElseThrow();
        assertEquals(Optional.of(onACall), read(), "the writer forgot its copy: no invalidation could arrive");
    }

    /** Another service ends Alice's session (its own repository, straight to Redis); when, in System.nanoTime(). */
    private static long otherServiceEnds() {
        long at = System.nanoTime();
        otherService.client().send(otherServiceSessions.ending(HASH, ALICE)).await().indefinitely();
        return at;
    }

    private Optional<SessionRecord> read() {
        return cache.find(HASH, () -> {
            redisReads.incrementAndGet();
            return sessions.findByTokenHash(HASH);
        });
    }

    private static SessionRepository repository(RedisDataSource redis, SessionCache cache) {
        return new SessionRepository(redis, new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES), new ReplicaAcks(redis, 0, Duration.ZERO), cache);
    }
}
