package com.mobilityha.login.sso;

import com.mobilityha.common.session.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * IdP refresh tokens of SSO sessions, encrypted at rest with AES-GCM (random 96-bit IV per token,
 * the session id as associated data so that a ciphertext cannot be moved to another session) and
 * expiring with their session.
 */
@ApplicationScoped
public class RefreshTokenVault {
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ValueCommands<String, String> values;
    private final Optional<SecretKeySpec> key;

    RefreshTokenVault(RedisDataSource redis, SsoConfig config) {
        this.values = redis.value(String.class);
        this.key = config.refreshTokenKey().map(RefreshTokenVault::aesKey);
    }

    /** Keeps the session's refresh token, encrypted, until the session expires. */
    public void keep(String sessionId, String refreshToken, Instant expiresAt) {
        long ttl = Math.max(1, Duration.between(Instant.now(), expiresAt).toSeconds());
        values.set(RedisKeys.idpRefreshToken(sessionId), encrypt(sessionId, refreshToken), new SetArgs().ex(ttl));
    }

    /** The session's refresh token, removed (logout). */
    public Optional<String> take(String sessionId) {
        return Optional.ofNullable(values.getdel(RedisKeys.idpRefreshToken(sessionId)))
                .map(sealed -> decrypt(sessionId, sealed));
    }

    String encrypt(String sessionId, String plaintext) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, sessionId);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed)
                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every JVM", e);
        }
    }

    String decrypt(String sessionId, String sealed) {
        byte[] bytes = Base64.getDecoder().decode(sealed);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(bytes, IV_BYTES), sessionId);
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored refresh token does not decrypt with the configured key", e);
        }
    }

    private Cipher cipher(int mode, byte[] iv, String sessionId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key.orElseThrow(() -> new IllegalStateException(
                "login.sso.refresh-token-key is not set: SSO sessions cannot keep their refresh token")),
                new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(sessionId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static SecretKeySpec aesKey(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64.trim());
        if (bytes.length != 16 && bytes.length != 32) {
            throw new IllegalArgumentException("login.sso.refresh-token-key must be 16 or 32 bytes, base64");
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
