package com.mobilityha.common.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * Sessions by id, for the duties that act on sessions without their token: marking the sessions of
 * a failed Connect instance RELOGIN_REQUIRED (gateway), re-homing a dead site's sessions (session-service).
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

    public Optional<SessionRecord> find(String sessionId) {
        String tokenHash = values.get(RedisKeys.tokenHashOfSession(sessionId));
        if (tokenHash == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(values.get(RedisKeys.sessionByTokenHash(tokenHash))).map(this::read);
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
