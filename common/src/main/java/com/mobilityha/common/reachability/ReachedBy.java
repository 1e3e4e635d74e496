package com.mobilityha.common.reachability;

/** How a phone last showed it was reachable (the wire format of the record: never renamed). */
public enum ReachedBy {
    /** The app checked in ({@code POST /api/v1/session/check-ins}). */
    CHECK_IN,
    /** The app acknowledged a push it received ({@code POST /api/v1/devices/current/acks}). */
    PUSH_ACK,
    /**
     * The watchdog found a call in progress on the silent phone's session: the phone is in use, and its silence
     * counts again from then (so a phone silent through a long call is not declared unreachable as it ends).
     */
    ON_CALL
}
