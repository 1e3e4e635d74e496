package com.mobilityha.login.sso;

import com.mobilityha.common.config.MissingSecret;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * AES-GCM sealing of one token for one session: a random 96-bit IV per token, the session id as
 * associated data (a sealed token moved to another session does not open). The active key seals;
 * the active and the previous keys open, so keys can be rotated without losing sealed tokens.
 */
final class TokenSeal {
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Optional<SecretKeySpec> active;
    private final List<SecretKeySpec> openers;

    /** Keys in base64 (16 or 32 bytes); without an active key nothing can be sealed. */
    TokenSeal(Optional<String> activeKey, List<String> previousKeys) {
        this.active = activeKey.map(TokenSeal::aesKey);
        List<SecretKeySpec> keys = new ArrayList<>(active.stream().toList());
        previousKeys.stream().map(TokenSeal::aesKey).forEach(keys::add);
        this.openers = List.copyOf(keys);
    }

    String seal(String sessionId, String plaintext) {
        SecretKeySpec key = active.orElseThrow(() -> new IllegalStateException(
                "login.sso.refresh-token-key is not set: SSO sessions cannot keep their refresh token"));
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, key, iv, sessionId)
                    .doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed)
                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required by every JVM", e);
        }
    }

    String open(String sessionId, String sealed) {
        byte[] bytes = Base64.getDecoder().decode(sealed);
        for (SecretKeySpec key : openers) {
            try {
                return new String(cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(bytes, IV_BYTES), sessionId)
                        .doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
            } catch (GeneralSecurityException e) {
                // not sealed with this key, or not for this session: try the next key
            }
        }
        throw new IllegalStateException("A sealed token does not open with any configured key for this session");
    }

    private static Cipher cipher(int mode, SecretKeySpec key, byte[] iv, String sessionId)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(sessionId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** Whether tokens can be sealed (an active key is set). */
    boolean canSeal() {
        return active.isPresent();
    }

    private static SecretKeySpec aesKey(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException notBase64) {
            bytes = new byte[0];
        }
        if (bytes.length != 16 && bytes.length != 32) {
            throw new MissingSecret("login.sso.refresh-token-key and previous-refresh-token-keys must each be 16 or 32 "
                    + "bytes, base64 (e.g. openssl rand -base64 32)");
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
