package com.mobilityha.gateway.failback;

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
    static final String ACTIVE = "mha:failbacks:active";
    private static final String ROUND = "mha:failbacks:round";
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
    public String create(String companyCode, boolean whenIdle, String startedBy, Collection<String> sessionIds) {
        String id = SessionTokens.newId();
        String key = key(id);
        redis.hash(String.class).hset(key, Map.of("companyCode", companyCode, "whenIdle", String.valueOf(whenIdle),
                "startedBy", startedBy, "startedAt", Instant.now().toString(),
                "targeted", String.valueOf(sessionIds.size()), "notified", "0", "dropped", "0"));
        redis.key().expire(key, KEEP.toSeconds());
        if (whenIdle && !sessionIds.isEmpty()) {
            redis.set(String.class).sadd(waitingKey(id), sessionIds.toArray(String[]::new));
            redis.key().expire(waitingKey(id), KEEP.toSeconds());
        }
        String previous = redis.hash(String.class).hget(ACTIVE, companyCode);
        if (previous != null) {
            redis.hash(String.class).hset(key(previous), "superseded", "true");
            redis.key().del(waitingKey(previous));
        }
        if (whenIdle) {
            redis.hash(String.class).hset(ACTIVE, companyCode, id);
        } else {
            redis.hash(String.class).hdel(ACTIVE, companyCode);
        }
        return id;
    }

    /**
     * Takes this round of idle checks for one gateway of either site (a lease a bit shorter than the
     * check interval), so that Amazon Connect is asked once per round, not once per replica.
     */
    public boolean takeRound(Duration lease) {
        return redis.execute("SET", ROUND, SessionTokens.newId(), "NX", "PX", String.valueOf(lease.toMillis())) != null;
    }

    /** Company code → id of its fail-back whose agents are still being waited for. */
    public Map<String, String> active() {
        return redis.hash(String.class).hgetall(ACTIVE);
    }

    /** The sessions of a fail-back still to be told. */
    public Set<String> waiting(String failbackId) {
        return redis.set(String.class).smembers(waitingKey(failbackId));
    }

    /** Claims a waiting session; true for the one caller that removed it, who then tells it. */
    public boolean claim(String failbackId, String sessionId) {
        return redis.set(String.class).srem(waitingKey(failbackId), sessionId) == 1;
    }

    /** Ends a company's fail-back when nobody waits any more (unless a newer one replaced it). */
    public void finishIfDone(String companyCode, String failbackId) {
        if (redis.set(String.class).scard(waitingKey(failbackId)) == 0) {
            redis.execute("EVAL", DEACTIVATE_IF_CURRENT, "1", ACTIVE, companyCode, failbackId);
        }
    }

    /** Counts sessions told (with the notification that told them). */
    public void notified(String failbackId, String notificationId, int sessions) {
        redis.hash(String.class).hincrby(key(failbackId), "notified", sessions);
        redis.list(String.class).rpush(notificationsKey(failbackId), notificationId);
        redis.key().expire(notificationsKey(failbackId), KEEP.toSeconds());
    }

    /** Counts sessions that left before they could be told. */
    public void dropped(String failbackId, int sessions) {
        redis.hash(String.class).hincrby(key(failbackId), "dropped", sessions);
    }

    public Optional<Failback> find(String failbackId) {
        Map<String, String> fields = new HashMap<>(redis.hash(String.class).hgetall(key(failbackId)));
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        List<String> notifications = redis.list(String.class).lrange(notificationsKey(failbackId), 0, -1);
        return Optional.of(new Failback(failbackId, fields.get("companyCode"),
                Boolean.parseBoolean(fields.get("whenIdle")), fields.get("startedBy"),
                Instant.parse(fields.get("startedAt")), count(fields, "targeted"), count(fields, "notified"),
                redis.set(String.class).scard(waitingKey(failbackId)), count(fields, "dropped"),
                Boolean.parseBoolean(fields.get("superseded")), notifications));
    }

    private static long count(Map<String, String> fields, String name) {
        return Long.parseLong(fields.getOrDefault(name, "0"));
    }

    private static String key(String failbackId) {
        return "mha:failback:" + failbackId;
    }

    private static String waitingKey(String failbackId) {
        return key(failbackId) + ":waiting";
    }

    private static String notificationsKey(String failbackId) {
        return key(failbackId) + ":notifications";
    }
}
