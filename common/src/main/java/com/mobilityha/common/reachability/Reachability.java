package com.mobilityha.common.reachability;

import java.time.Instant;
import java.util.Optional;

/**
 * What is known of one session's phone.
 *
 * @param seenAt        when it was last known reachable
 * @param seenBy        how
 * @param wokenAt       when the watchdog last sent it a WAKE for its silence (null: never)
 * @param checkedAt     when the watchdog last asked Connect about its agent and left them as they were (null: never)
 * @param unreachable   the mark the watchdog left when it made the agent non-routable, until the agent
 *                      chooses a status again
 */
public record Reachability(Instant seenAt, ReachedBy seenBy, Instant wokenAt, Instant checkedAt,
                           Optional<MadeUnreachable> unreachable) {

    /** The watchdog set the agent to {@code status} at {@code at}, the phone having been silent. */
    public record MadeUnreachable(Instant at, String status) {
    }

    /** Whether the watchdog has woken the phone since it was last seen. */
    public boolean wokenSinceSeen() {
        return wokenAt != null && wokenAt.isAfter(seenAt);
    }

    /** Whether the watchdog has asked Connect about the agent since the phone was last seen (and left them). */
    public boolean checkedSinceSeen() {
        return checkedAt != null && checkedAt.isAfter(seenAt);
    }

    /** Whether the phone was seen after the agent was made unreachable: it came back. */
    public boolean cameBack() {
        return unreachable.filter(mark -> seenAt.isAfter(mark.at())).isPresent();
    }
}
