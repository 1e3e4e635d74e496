package com.mobilityha.mobile.push;

import java.time.Duration;
import java.util.Optional;

/**
 * A push as the OS hands it to the app: its kind (WAKE, RELOGIN, FAILBACK, MESSAGE) and, for a RELOGIN
 * wave, within how long the app should sign in again at a moment it picks ({@code signInWithin}, in
 * seconds in the payload), so that the wave reaches Amazon Connect at the rate it accepts.
 */
public record ReceivedPush(String kind, Optional<Duration> signInWithin) {

    /** A push of this kind without a sign-in window. */
    public static ReceivedPush of(String kind) {
        return new ReceivedPush(kind, Optional.empty());
    }
}
