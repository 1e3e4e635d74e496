package com.mobilityha.gateway.failback;

import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.session.SessionTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fail-backs in Redis, shared by both sites: {@code mha:failback:<id>} (a hash of counters),
 * {@code mha:failback:<id>:waiting} (sessions still to be told), {@code mha:failback:<id>:notifications}
 * and {@code mha:failbacks:active} (company → its one fail-back still waiting for agents). Telling a
 * waiting session is claimed by removing it from the waiting set, so it happens once.
 */
@ApplicationScoped
public class FailbackStore {
    private static final Duration KEEP = Duration.ofDays(1);
    private static final String DEACTIVATE_IF_CURRENT = """
            if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
              return redis.call('HDEL', KEYS[1], ARGV[1])
            end
            return 0""";

    private final RedisDataSource redis;

    FailbackStore(RedisDataSource redis) {
        this.redis = redis;
    }

    /** Records a new fail-back of these sessions and supersedes the company's previous one. */
    public void create(String id, String companyCode, boolean whenIdle, String startedBy, Collection<String> sessionIds) {
        String key = RedisKeys.failback(id);
        redis.hash(String.class).hset(key, Map.of("companyCode", companyCode, "whenIdle", String.valueOf(whenIdle),
                "startedBy", startedBy, "startedAt", Instant.now().toString(),
                "targeted", String.valueOf(sessionIds.size()), "notified", "0", "dropped", "0"));
        redis.key().expire(key, KEEP.toSeconds());
        if (whenIdle && !sessionIds.isEmpty()) {
            redis.set(String.class).sadd(RedisKeys.failbackWaiting(id), sessionIds.toArray(String[]::new));
            redis.key().expire(RedisKeys.failbackWaiting(id), KEEP.toSeconds());
        }
        String previous = redis.hash(String.class).hget(RedisKeys.activeFailbacks(), companyCode);
        if (previous != null) {
            redis.hash(String.class).hset(RedisKeys.failback(previous), "superseded", "true");
            redis.key().del(RedisKeys.failbackWaiting(previous));
        }
        if (whenIdle) {
            redis.hash(String.class).hset(RedisKeys.activeFailbacks(), companyCode, id);
        } else {
            redis.hash(String.class).hdel(RedisKeys.activeFailbacks(), companyCode);
        }
    }

    /**
     * Takes this round of idle checks for one gateway of either site (a lease a bit shorter than the
     * check interval), so that Amazon Connect is asked once per round, not once per replica.
     */
    public boolean takeRound(Duration lease) {
        return redis.execute("SET", RedisKeys.failbackRound(), SessionTokens.newId(), "NX", "PX", String.valueOf(lease.toMillis())) != null;
    }

    /** Company code → id of its fail-back whose agents are still being waited for. */
    public Map<String, String> active() {
        return redis.hash(String.class).hgetall(RedisKeys.activeFailbacks());
    }

    /** The sessions of a fail-back still to be told. */
    public Set<String> waiting(String failbackId) {
        return redis.set(String.class).smembers(RedisKeys.failbackWaiting(failbackId));
    }

    /** Claims a waiting session; true for the one caller that removed it, who then tells it. */
    public boolean claim(String failbackId, String sessionId) {
        return redis.set(String.class).srem(RedisKeys.failbackWaiting(failbackId), sessionId) == 1;
    }

    /** Ends a company's fail-back when nobody waits any more (unless a newer one replaced it). */
    public void finishIfDone(String companyCode, String failbackId) {
        if (redis.set(String.class).scard(RedisKeys.failbackWaiting(failbackId)) == 0) {
            redis.execute("EVAL", DEACTIVATE_IF_CURRENT, "1", RedisKeys.activeFailbacks(), companyCode, failbackId);
        }
    }

    /** Counts sessions told (with the notification that told them). */
    public void notified(String failbackId, String notificationId, int sessions) {
        redis.hash(String.class).hincrby(RedisKeys.failback(failbackId), "notified", sessions);
        redis.list(String.class).rpush(RedisKeys.failbackNotifications(failbackId), notificationId);
        redis.key().expire(RedisKeys.failbackNotifications(failbackId), KEEP.toSeconds());
    }

    /** Counts sessions that left before they could be told. */
    public void dropped(String failbackId, int sessions) {
        redis.hash(String.class).hincrby(RedisKeys.failback(failbackId), "dropped", sessions);
    }

    public Optional<Failback> find(String failbackId) {
        Map<String, String> fields = new HashMap<>(redis.hash(String.class).hgetall(RedisKeys.failback(failbackId)));
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        List<String> notifications = redis.list(String.class).lrange(RedisKeys.failbackNotifications(failbackId), 0, -1);
        return Optional.of(new Failback(failbackId, fields.get("companyCode"),
                Boolean.parseBoolean(fields.get("whenIdle")), fields.get("startedBy"),
                Instant.parse(fields.get("startedAt")), count(fields, "targeted"), count(fields, "notified"),
                redis.set(String.class).scard(RedisKeys.failbackWaiting(failbackId)), count(fields, "dropped"),
                Boolean.parseBoolean(fields.get("superseded")), notifications));
    }

    private static long count(Map<String, String> fields, String name) {
        return Long.parseLong(fields.getOrDefault(name, "0"));
    }
}
