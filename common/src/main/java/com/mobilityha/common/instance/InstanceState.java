package com.mobilityha.common.instance;

/** What the gateway believes of an Amazon Connect instance. */
public enum InstanceState {
    /** Answers its probe; breaker closed. */
    UP,
    /** Answers its probe but its breaker is open or half-open: calls are being refused or trialled. */
    DEGRADED,
    /** Failed consecutive probes: logins go elsewhere, sessions on it must log in again. */
    DOWN
}
