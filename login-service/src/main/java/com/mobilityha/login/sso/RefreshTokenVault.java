package com.mobilityha.login.sso;

import com.mobilityha.common.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * IdP refresh tokens of SSO sessions in Redis, sealed with AES-GCM ({@link TokenSeal}: key from
 * config, previous keys still open after a rotation) and expiring with their session.
 */
@ApplicationScoped
public class RefreshTokenVault {
    private final ValueCommands<String, String> values;
    private final TokenSeal seal;

    RefreshTokenVault(RedisDataSource redis, SsoConfig config) {
        this.values = redis.value(String.class);
        this.seal = new TokenSeal(config.refreshTokenKey(), config.previousRefreshTokenKeys().orElse(List.of()));
    }

    /** Keeps the session's refresh token, sealed, until the session expires. */
    public void keep(String sessionId, String refreshToken, Instant expiresAt) {
        long ttl = Math.max(1, Duration.between(Instant.now(), expiresAt).toSeconds());
        values.set(RedisKeys.idpRefreshToken(sessionId), seal.seal(sessionId, refreshToken), new SetArgs().ex(ttl));
    }

    /** The session's refresh token, removed (logout). */
    public Optional<String> take(String sessionId) {
        return Optional.ofNullable(values.getdel(RedisKeys.idpRefreshToken(sessionId)))
                .map(sealed -> seal.open(sessionId, sealed));
    }
}
