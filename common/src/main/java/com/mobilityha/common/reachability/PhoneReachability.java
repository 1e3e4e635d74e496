package com.mobilityha.common.reachability;

import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.reachability.Reachability.MadeUnreachable;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one owner of the phones' reachability records (keys in {@link RedisKeys}): per session a hash of when
 * its phone was last known reachable and how ({@code seenAt} in ms, {@code seenBy}), and the watchdog's marks
 * ({@code wokenAt}, {@code checkedAt}, {@code unreachableAt} with {@code unreachableStatus}); it expires with
 * the session. Beside it a sorted set of the watched sessions by {@code seenAt}, from which the watchdog
 * reads the silent ones, and the set of the sessions it made non-routable.
 * <p>
 * A session is watched from its phone's first check-in or acknowledged push: an app that never checks in
 * (an older version) is never declared unreachable. Times are the writing pod's clock (in step through NTP:
 * milliseconds against thresholds of minutes).
 */
@ApplicationScoped
public class PhoneReachability {
    private static final String SEEN_AT = "seenAt";
    private static final String SEEN_BY = "seenBy";
    private static final String WOKEN_AT = "wokenAt";
    private static final String CHECKED_AT = "checkedAt";
    private static final String UNREACHABLE_AT = "unreachableAt";
    private static final String UNREACHABLE_STATUS = "unreachableStatus";
    /**
     * KEYS: the record, the index of last seen. ARGV: session id, seenAt (ms), seenBy, the session's expiry (ms).
     * Answers the record's unreachable mark {at, status} (both false when none).
     */
    private static final String SEEN = """
            redis.call('HSET', KEYS[1], 'seenAt', ARGV[2], 'seenBy', ARGV[3])
            redis.call('PEXPIREAT', KEYS[1], ARGV[4])
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
            return redis.call('HMGET', KEYS[1], 'unreachableAt', 'unreachableStatus')""";
    /**
     * KEYS: the record, the set of sessions made unreachable, the index of last seen. ARGV: the session id, then
     * fields and values. Sets them only on a record that exists (the session is watched); an {@code unreachableAt}
     * lists the session as made unreachable and takes it out of the index until the phone is seen again.
     */
    private static final String MARK = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            for i = 2, #ARGV, 2 do
              redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
              if ARGV[i] == 'unreachableAt' then
                redis.call('SADD', KEYS[2], ARGV[1])
                redis.call('ZREM', KEYS[3], ARGV[1])
              end
            end
            return 1""";

    private final RedisDataSource redis;

    public PhoneReachability(RedisDataSource redis) {
        this.redis = redis;
    }

    /**
     * The phone of a session was reachable now ({@code by}); the record lives until the session expires. The
     * mark the watchdog left if it made the agent non-routable (the app is told and offered to go available).
     */
    public Optional<MadeUnreachable> seen(String sessionId, ReachedBy by, Instant sessionExpiresAt) {
        Response mark = redis.execute("EVAL", SEEN, "2", RedisKeys.phoneReachability(sessionId), RedisKeys.phonesLastSeen(),
                sessionId, String.valueOf(Instant.now().toEpochMilli()), by.name(),
                String.valueOf(sessionExpiresAt.toEpochMilli()));
        return mark.get(0) == null ? Optional.empty()
                : Optional.of(new MadeUnreachable(Instant.ofEpochMilli(mark.get(0).toLong()), mark.get(1).toString()));
    }

    /** Up to {@code limit} watched sessions whose phone was last seen before {@code before}, longest silent first. */
    public List<String> silentSince(Instant before, int limit) {
        Response ids = redis.execute("ZRANGE", RedisKeys.phonesLastSeen(), "-inf", String.valueOf(before.toEpochMilli()),
                "BYSCORE", "LIMIT", "0", String.valueOf(limit));
        List<String> silent = new ArrayList<>();
        ids.forEach(id -> silent.add(id.toString()));
        return silent;
    }

    /** The sessions the watchdog made non-routable and whose agent has not chosen a status since. */
    public List<String> madeUnreachable() {
        return List.copyOf(redis.set(String.class).smembers(RedisKeys.phonesMadeUnreachable()));
    }

    /** The record of a watched session; empty when it is not watched (never checked in) or expired. */
    public Optional<Reachability> find(String sessionId) {
        Map<String, String> fields = redis.hash(String.class).hgetall(RedisKeys.phoneReachability(sessionId));
        if (!fields.containsKey(SEEN_AT)) {
            return Optional.empty();
        }
        Optional<MadeUnreachable> unreachable = Optional.ofNullable(fields.get(UNREACHABLE_AT))
                .map(at -> new MadeUnreachable(instant(at), fields.get(UNREACHABLE_STATUS)));
        return Optional.of(new Reachability(instant(fields.get(SEEN_AT)), ReachedBy.valueOf(fields.get(SEEN_BY)),
                instantOrNull(fields.get(WOKEN_AT)), instantOrNull(fields.get(CHECKED_AT)), unreachable));
    }

    /** The watchdog sent the silent phone a WAKE. */
    public void woken(String sessionId, Instant at) {
        mark(sessionId, WOKEN_AT, String.valueOf(at.toEpochMilli()));
    }

    /** The watchdog asked Connect about the agent of a silent phone and left them as they were (not routable). */
    public void checked(String sessionId, Instant at) {
        mark(sessionId, CHECKED_AT, String.valueOf(at.toEpochMilli()));
    }

    /** The watchdog set the agent of a silent phone to the non-routable {@code status}. */
    public void madeUnreachable(String sessionId, String status, Instant at) {
        mark(sessionId, UNREACHABLE_AT, String.valueOf(at.toEpochMilli()), UNREACHABLE_STATUS, status);
    }

    /** The agent chose a status again (or the company's policy made them available): the mark is gone. */
    public void cleared(String sessionId) {
        redis.hash(String.class).hdel(RedisKeys.phoneReachability(sessionId), UNREACHABLE_AT, UNREACHABLE_STATUS);
        redis.set(String.class).srem(RedisKeys.phonesMadeUnreachable(), sessionId);
    }

    /** The session ended or expired, or its company is not watched: no record of it is kept. */
    public void forget(String sessionId) {
        redis.key().del(RedisKeys.phoneReachability(sessionId));
        redis.sortedSet(String.class).zrem(RedisKeys.phonesLastSeen(), sessionId);
        redis.set(String.class).srem(RedisKeys.phonesMadeUnreachable(), sessionId);
    }

    private void mark(String sessionId, String... fieldsAndValues) {
        List<String> args = new ArrayList<>(List.of(MARK, "3", RedisKeys.phoneReachability(sessionId),
                RedisKeys.phonesMadeUnreachable(), RedisKeys.phonesLastSeen(), sessionId));
        args.addAll(List.of(fieldsAndValues));
        redis.execute("EVAL", args.toArray(String[]::new));
    }

    private static Instant instant(String millis) {
        return Instant.ofEpochMilli(Long.parseLong(millis));
    }

    private static Instant instantOrNull(String millis) {
        return millis == null ? null : instant(millis);
    }
}
