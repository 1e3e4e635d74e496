package com.mobilityha.gateway.resiliency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityha.common.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Each Global Resiliency company's latest administrator's shift ({@link TrafficShift}), as JSON in Redis shared
 * by both sites ({@code mha:connect-traffic-shift:<company>}), kept a day after its last change. The next one
 * replaces it; the watch's round (one gateway pod at a time) advances it. Each change of it (a start, a wave) is
 * made {@linkplain #whileLocked holding the company's lock}, so that the group's share and the record agree.
 */
@ApplicationScoped
public class TrafficShiftStore {
    private static final Duration KEEP = Duration.ofDays(1);
    /** Longer than a change takes (two Connect calls within their timeouts); a crashed holder's lock expires. */
    private static final Duration LOCK = Duration.ofSeconds(30);

    private final RedisDataSource redis;
    private final ObjectMapper json;

    TrafficShiftStore(RedisDataSource redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    public Optional<TrafficShift> find(String companyCode) {
        String stored = redis.value(String.class).get(RedisKeys.trafficShift(companyCode));
        try {
            return stored == null ? Optional.empty() : Optional.of(json.readValue(stored, TrafficShift.class));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void save(TrafficShift shift) {
        try {
            redis.value(String.class).set(RedisKeys.trafficShift(shift.companyCode()), json.writeValueAsString(shift),
                    new SetArgs().ex(KEEP));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code change} holding the company's lock (one change of its shift at a time, whichever pod makes it);
     * empty when another holds it, or when the change gives nothing.
     */
    public <T> Optional<T> whileLocked(String companyCode, Supplier<T> change) {
        String key = RedisKeys.trafficShiftLock(companyCode);
        Optional<String> holder = RedisLease.take(redis, key, LOCK);
        if (holder.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(change.get());
        } finally {
            RedisLease.release(redis, key, holder.get());
        }
    }
}
