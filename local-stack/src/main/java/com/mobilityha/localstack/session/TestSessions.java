package com.mobilityha.localstack.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mobilityha.common.redis.ReplicaAcks;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionCache;
import com.mobilityha.common.session.SessionRepository;
import com.mobilityha.common.session.SessionStatus;
import com.mobilityha.common.session.SessionTokens;
import io.quarkus.redis.datasource.RedisDataSource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Stores sessions as session-service does (through {@link SessionRepository#creation}), for tests
 * of services that authenticate sessions without running session-service.
 */
public final class TestSessions {
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private TestSessions() {
    }

    /** Stores an ACTIVE session served by the primary site and returns its bearer token. */
    public static String create(RedisDataSource redis, String companyCode, String username, String connectUserId,
                                SessionRecord.InstanceRef instance) {
        return create(redis, companyCode, username, connectUserId, instance, "primary");
    }

    /** Stores an ACTIVE session served by {@code site} and returns its bearer token. */
    public static String create(RedisDataSource redis, String companyCode, String username, String connectUserId,
                                SessionRecord.InstanceRef instance, String site) {
        String token = SessionTokens.newToken();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SessionRecord session = new SessionRecord(SessionTokens.newId(), companyCode,
                new SessionRecord.SessionUser(username, connectUserId), instance, site, SessionStatus.ACTIVE,
                now, now.plus(12, ChronoUnit.HOURS), null, null, null);
        new SessionRepository(redis, MAPPER, new ReplicaAcks(redis, 0, Duration.ZERO), SessionCache.off()).creation(SessionTokens.hash(token), session, Duration.ofHours(1))
                .forEach(write -> redis.getReactive().getRedis().send(write).await().indefinitely());
        return token;
    }
}
