package com.mobilityha.gateway.resiliency;

import com.mobilityha.common.session.SessionTokens;
import com.mobilityha.gateway.health.ProbeLeases;
import io.quarkus.redis.datasource.RedisDataSource;

import java.time.Duration;
import java.util.Optional;

/** A Redis lease one holder at a time takes (SET NX PX) and gives up with the gateway's release script. */
final class RedisLease {
    private RedisLease() {
    }

    /** Takes the lease if nobody holds it; the new holder's id, empty when another holds it. */
    static Optional<String> take(RedisDataSource redis, String key, Duration ttl) {
        String holder = SessionTokens.newId();
        return Optional.ofNullable(redis.execute("SET", key, holder, "NX", "PX", String.valueOf(ttl.toMillis())))
                .map(ok -> holder);
    }

    /** Gives the lease up if {@code holder} still holds it. */
    static void release(RedisDataSource redis, String key, String holder) {
        redis.execute("EVAL", ProbeLeases.RELEASE, "1", key, holder);
    }
}
