package com.mobilityha.common.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads and updates stored sessions: by token hash (authentication) and by id, for the duties that
 * act on sessions without their token (RELOGIN on instance failure, audiences of notifications).
 */
@ApplicationScoped
public class SessionRepository {
    private final RedisDataSource redis;
    private final ValueCommands<String, String> values;
    private final ObjectMapper mapper;

    SessionRepository(RedisDataSource redis, ObjectMapper mapper) {
        this.redis = redis;
        this.values = redis.value(String.class, String.class);
        this.mapper = mapper;
    }

    /** Ids of the sessions logged in to a Connect instance. */
    public List<String> sessionsOnInstance(String instanceId) {
        return List.copyOf(redis.set(String.class).smembers(RedisKeys.instanceSessions(instanceId)));
    }

    /** Ids of the sessions of a company. */
    public List<String> sessionsOfCompany(String companyCode) {
        return List.copyOf(redis.set(String.class).smembers(RedisKeys.companySessions(companyCode)));
    }

    public Optional<SessionRecord> find(String sessionId) {
        String tokenHash = values.get(RedisKeys.tokenHashOfSession(sessionId));
        return tokenHash == null ? Optional.empty() : findByTokenHash(tokenHash);
    }

    /** The session a token hash stands for (the form in which tokens are stored). */
    public Optional<SessionRecord> findByTokenHash(String tokenHash) {
        return Optional.ofNullable(values.get(RedisKeys.sessionByTokenHash(tokenHash))).map(this::read);
    }

    /** The sessions of these ids that still exist, in two round trips whatever their number. */
    public List<SessionRecord> findAll(List<String> sessionIds) {
        if (sessionIds.isEmpty()) {
            return List.of();
        }
        List<String> hashes = values.mget(sessionIds.stream().map(RedisKeys::tokenHashOfSession).toArray(String[]::new))
                .values().stream().filter(Objects::nonNull).map(RedisKeys::sessionByTokenHash).toList();
        if (hashes.isEmpty()) {
            return List.of();
        }
        return values.mget(hashes.toArray(String[]::new)).values().stream().filter(Objects::nonNull)
                .map(this::read).toList();
    }

    /** Replaces a stored session (same id), keeping its expiry; false when it no longer exists. */
    public boolean replace(SessionRecord session) {
        String tokenHash = values.get(RedisKeys.tokenHashOfSession(session.sessionId()));
        if (tokenHash == null) {
            return false;
        }
        return values.setGet(RedisKeys.sessionByTokenHash(tokenHash), write(session), new SetArgs().keepttl().xx()) != null;
    }

    private SessionRecord read(String json) {
        try {
            return mapper.readValue(json, SessionRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored session is not readable", e);
        }
    }

    private String write(SessionRecord session) {
        try {
            return mapper.writeValueAsString(session);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Session is not serialisable", e);
        }
    }
}
