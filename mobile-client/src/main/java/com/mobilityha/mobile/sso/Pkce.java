package com.mobilityha.mobile.sso;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** A PKCE pair (RFC 7636, S256): the verifier stays on the phone, the challenge goes with the login. */
public record Pkce(String verifier, String challenge) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh pair: 256 random bits as the verifier. */
    public static Pkce create() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    /** The verifier is a secret until the login completes. */
    @Override
    public String toString() {
        return "Pkce[challenge=" + challenge + "]";
    }
}
