package com.mobilityha.login.sso;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityha.common.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Started logins in Redis, shared by both sites (the app may complete at the other site), each
 * expiring with its TTL and taken at most once (GETDEL): a replayed completion finds nothing.
 */
@ApplicationScoped
public class PendingLogins {
    private final ValueCommands<String, String> values;
    private final ObjectMapper mapper;

    PendingLogins(RedisDataSource redis, ObjectMapper mapper) {
        this.values = redis.value(String.class);
        this.mapper = mapper;
    }

    /** Keeps a started login until its {@code expiresAt}. */
    public void save(PendingLogin login) {
        long ttl = Math.max(1, Duration.between(Instant.now(), login.expiresAt()).toMillis());
        try {
            values.set(key(login.loginId()), mapper.writeValueAsString(login), new SetArgs().px(ttl));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The login, removed so that nobody can complete it again; empty when unknown, used or expired. */
    public Optional<PendingLogin> take(String loginId) {
        String json = values.getdel(key(loginId));
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(json, PendingLogin.class))
                    .filter(login -> login.expiresAt().isAfter(Instant.now()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored login is not readable", e);
        }
    }

    private static String key(String loginId) {
        return RedisKeys.pendingLogin(loginId);
    }
}
