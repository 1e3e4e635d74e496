package com.mobilityha.mobile.push;

import java.time.Duration;
import java.util.Optional;

/**
 * A push as the OS hands it to the app: its kind (WAKE, RELOGIN, FAILBACK, MESSAGE), its
 * {@code notificationId} (which the app acknowledges; null in a push without one) and, for a RELOGIN
 * wave, this app's slot to sign in again: from {@code signInAfter} after the push, at a moment it picks
 * within {@code signInWithin} (seconds in the payload), so that the wave reaches Amazon Connect at the
 * rate it accepts. {@code receivedAtNanos} ({@link System#nanoTime()}) is when the OS received it: the
 * slot counts from then, however late the app gets to run.
 */
public record ReceivedPush(String kind, String notificationId, Optional<Slot> signInSlot, long receivedAtNanos) {

    /** A push of this kind without a notification id or a sign-in slot, received now. */
    public static ReceivedPush of(String kind) {
        return new ReceivedPush(kind, null, Optional.empty(), System.nanoTime());
    }

    /** When to sign in again: from {@code after} the push, within {@code within}. */
    public record Slot(Duration after, Duration within) {
    }
}
