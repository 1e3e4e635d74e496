package com.mobilityha.login.sso;

import com.mobilityha.common.config.MissingSecret;
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
    private final boolean ssoCompanies;

    RefreshTokenVault(RedisDataSource redis, SsoConfig config) {
        this.values = redis.value(String.class);
        this.seal = new TokenSeal(config.refreshTokenKey(), config.previousRefreshTokenKeys().orElse(List.of()));
        this.ssoCompanies = !config.companies().isEmpty();
    }

    /** Refuses to go on when a company signs in through SSO and no key seals refresh tokens (keys were checked when read). */
    public void requireKeys() {
        if (ssoCompanies && !seal.canSeal()) {
            throw new MissingSecret("login.sso.refresh-token-key is not set (LOGIN_SSO_REFRESH_TOKEN_KEY, 16 or 32 bytes, "
                    + "base64): companies sign in through SSO, and their IdP refresh tokens must be sealed");
        }
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
