package com.mobilityha.common.session;

import com.mobilityha.common.redis.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps Redis telling this service of every change to a session, for {@link SessionCache}: one connection
 * (RESP3) with {@code CLIENT TRACKING ON BCAST} on the session keys, whose {@code invalidate} pushes drop the
 * sessions from the cache, and a probe that proves the connection delivers them. A quarter of max-staleness
 * after each proof, the probe writes a key of this connection's own (through the service's usual connections,
 * as any writer of a session would) and waits for its invalidation: since Redis sends a connection its
 * invalidations in the order it executed the writes, the probe's arrival proves that every change written
 * before the probe has arrived too ({@link SessionCache#proven}). A probe unanswered for half of max-staleness —
 * the connection froze, Redis failed over to a master that does not track this connection, the write failed —
 * closes the connection, empties the cache and connects again; meanwhile authentication reads Redis.
 */
@ApplicationScoped
public class SessionTracking {
    private static final Logger LOG = Logger.getLogger(SessionTracking.class);
    private static final long NONE = 0;
    private static final Duration PROBE_KEPT = Duration.ofHours(1);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final Duration CONNECT_WITHIN = Duration.ofSeconds(5);

    private final SessionCache cache;
    private final Redis redis;
    private final ReactiveRedisDataSource data;
    private final Vertx vertx;
    private final long probeEveryNanos;
    private final long answerWithinNanos;
    private volatile Link link;
    private volatile boolean connecting;
    private volatile long nextAttemptAt = System.nanoTime();
    private volatile boolean stopped;
    private long timer = -1;

    SessionTracking(SessionCache cache, Redis redis, ReactiveRedisDataSource data, Vertx vertx, SessionCacheConfig config) {
        this.cache = cache;
        this.redis = redis;
        this.data = data;
        this.vertx = vertx;
        this.probeEveryNanos = config.maxStaleness().toNanos() / 4;
        this.answerWithinNanos = config.maxStaleness().toNanos() / 2;
    }

    void start(@Observes StartupEvent started) {
        if (cache.enabled()) {
            timer = vertx.setPeriodic(Math.max(1, Duration.ofNanos(probeEveryNanos).toMillis() / 2), id -> tick());
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        Link current = link;
        link = null;
        if (current != null) {
            current.connection.close().subscribe().with(closed -> { }, failure -> { });
        }
    }

    private void tick() {
        Link current = link;
        if (current == null) {
            if (!connecting && !stopped && System.nanoTime() - nextAttemptAt >= 0) {
                connect();
            }
            return;
        }
        long now = System.nanoTime();
        long probe = current.probeWrittenAt.get();
        if (probe != NONE) {
            if (now - probe > answerWithinNanos) {
                lost(current, "probe-unanswered");
            }
        } else if (now - current.lastProbeAt > probeEveryNanos && current.probeWrittenAt.compareAndSet(NONE, now)) {
            current.lastProbeAt = now;
            data.value(String.class, String.class).set(current.probeKey, Long.toString(now), new SetArgs().px(PROBE_KEPT))
                    .subscribe().with(written -> { }, failure -> lost(current, "probe-write-failed"));
        }
    }

    private void connect() {
        connecting = true;
        String connectionId = UUID.randomUUID().toString();
        redis.connect()
                .ifNoItem().after(CONNECT_WITHIN).fail()
                .chain(connection -> track(connection, connectionId))
                .subscribe().with(tracked -> {
                    connecting = false;
                    link = tracked;
                    LOG.debugf("Session tracking connection %s is on; the cache serves once its first probe returns",
                            connectionId);
                }, failure -> {
                    nextAttemptAt = System.nanoTime() + RETRY_AFTER.toNanos();
                    connecting = false;
                    LOG.debugf("Session tracking connection not made (%s); authentication reads Redis",
                            failure.getMessage());
                });
    }

    private Uni<Link> track(RedisConnection connection, String connectionId) {
        Link tracked = new Link(connection, RedisKeys.sessionTrackingProbe(connectionId));
        connection.handler(push -> onPush(tracked, push));
        connection.exceptionHandler(failure -> lost(tracked, "connection-failed"));
        connection.endHandler(() -> lost(tracked, "connection-closed"));
        // SELECT marks the connection as changed for the Vert.x pool, which then closes it instead of lending it
        // to other commands once this class lets go of it: a connection still tracking must not serve requests.
        return connection.send(Request.cmd(Command.SELECT).arg(0))
                .chain(() -> connection.send(Request.cmd(Command.HELLO).arg(3)))
                .chain(() -> connection.send(Request.cmd(Command.CLIENT).arg("TRACKING").arg("ON").arg("BCAST")
                        .arg("PREFIX").arg(RedisKeys.sessionByTokenHash("")).arg("PREFIX").arg(tracked.probeKey)))
                .replaceWith(tracked)
                .ifNoItem().after(CONNECT_WITHIN).fail()
                .onFailure().call(failure -> connection.close());
    }

    private void onPush(Link from, Response push) {
        if (push == null || push.type() != ResponseType.PUSH || push.size() < 2
                || !"invalidate".equals(push.get(0).toString())) {
            return;
        }
        Response keys = push.get(1);
        if (keys == null) {
            cache.invalidateAll();
            return;
        }
        String sessionPrefix = RedisKeys.sessionByTokenHash("");
        for (Response key : keys) {
            String name = key.toString();
            if (name.equals(from.probeKey)) {
                long writtenAt = from.probeWrittenAt.getAndSet(NONE);
                if (writtenAt != NONE && from == link) {
                    cache.proven(writtenAt);
                }
            } else if (name.startsWith(sessionPrefix)) {
                cache.invalidate(name.substring(sessionPrefix.length()));
            }
        }
    }

    private void lost(Link which, String reason) {
        if (link != which) {
            return;
        }
        link = null;
        cache.reset(reason);
        LOG.infof("Session tracking connection lost (%s): the session cache is emptied and authentication reads Redis "
                + "until a new connection proves itself", reason);
        which.connection.close().subscribe().with(closed -> { }, failure -> { });
    }

    /** One tracking connection, the key of its probe and the probe on its way (its write time; NONE: none). */
    private static final class Link {
        private final RedisConnection connection;
        private final String probeKey;
        private final AtomicLong probeWrittenAt = new AtomicLong(NONE);
        private volatile long lastProbeAt = System.nanoTime() - Long.MAX_VALUE / 2;

        private Link(RedisConnection connection, String probeKey) {
            this.connection = connection;
            this.probeKey = probeKey;
        }
    }
}
