package com.mobilityha.common.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Session token rules: 256 random bits, URL-safe; only the SHA-256 hash is ever stored or compared. */
public final class SessionTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TOKEN_BYTES = 32;
    private static final int ID_BYTES = 16;

    private SessionTokens() {
    }

    /** A new bearer token handed to the app once. */
    public static String newToken() {
        return random(TOKEN_BYTES);
    }

    /** A new opaque id (128 bits), safe to log. */
    public static String newId() {
        return random(ID_BYTES);
    }

    /** Hex SHA-256 of a token: the only form in which tokens are stored. */
    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    private static String random(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }
}
