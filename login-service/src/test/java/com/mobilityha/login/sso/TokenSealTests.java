package com.mobilityha.login.sso;

import com.mobilityha.common.config.MissingSecret;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Refresh tokens at rest: sealed per session, and still readable across a key rotation. */
class TokenSealTests {
    private static final String OLD_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static final String NEW_KEY = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=";

    @Test
    void aTokenOpensOnlyForItsOwnSession() {
        TokenSeal seal = new TokenSeal(Optional.of(OLD_KEY), List.of());
        String sealed = seal.seal("session-a", "a-refresh-token");

        assertEquals("a-refresh-token", seal.open("session-a", sealed));
        assertFalse(sealed.contains("refresh"));
        assertNotEquals(sealed, seal.seal("session-a", "a-refresh-token"), "a fresh IV every time");
        assertThrows(IllegalStateException.class, () -> seal.open("session-b", sealed));
    }

    @Test
    void afterARotationTheNewKeySealsAndThePreviousOneStillOpens() {
        String sealedBefore = new TokenSeal(Optional.of(OLD_KEY), List.of()).seal("s", "before-rotation");
        TokenSeal rotated = new TokenSeal(Optional.of(NEW_KEY), List.of(OLD_KEY));

        assertEquals("before-rotation", rotated.open("s", sealedBefore));
        String sealedAfter = rotated.seal("s", "after-rotation");
        assertThrows(IllegalStateException.class, () -> new TokenSeal(Optional.of(OLD_KEY), List.of()).open("s", sealedAfter),
                "sealed with the new key");
        assertThrows(IllegalStateException.class, () -> new TokenSeal(Optional.of(NEW_KEY), List.of())
                .open("s", sealedBefore), "the old key dropped: old tokens no longer open");
    }

    @Test
    void keysMustBeAesSized() {
        assertThrows(MissingSecret.class, () -> new TokenSeal(Optional.of("c2hvcnQ="), List.of()));
        assertThrows(IllegalStateException.class, () -> new TokenSeal(Optional.empty(), List.of()).seal("s", "t"));
    }
}
