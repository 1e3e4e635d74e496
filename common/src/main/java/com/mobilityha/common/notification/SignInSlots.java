package com.mobilityha.common.notification;

import java.time.Duration;

/**
 * A RELOGIN wave's sign-ins spread evenly over {@code window}, so that they reach Amazon Connect at the
 * rate its quotas accept: each of the wave's {@code total} agents gets its own slot of
 * {@code window / total}; a notification's sessions take the slots from {@code first} on, in order.
 * A slot is said in whole seconds (after, within): the app signs in at a moment it picks at random
 * within {@code within} seconds from {@code after} seconds after the push.
 *
 * @param window how long the whole wave takes at the accepted rate
 * @param first  the slot of the notification's first session (waves may span several notifications)
 * @param total  the agents of the whole wave
 */
public record SignInSlots(Duration window, int first, int total) {

    public SignInSlots {
        if (total < 1 || first < 0) {
            throw new IllegalArgumentException("slots " + first + " of " + total);
        }
    }

    /** Seconds after the push at which the {@code index}-th session's slot starts. */
    public long afterSeconds(int index) {
        return (first + index) * window.toMillis() / total / 1000;
    }

    /** Seconds the slot lasts: one, or more when the wave is slower than one sign-in a second. */
    public long withinSeconds() {
        return Math.max(1, (window.toMillis() / total + 999) / 1000);
    }
}
