package com.mobilityha.gateway.budget;

/** Who a Connect call is for: an agent waiting on it, or the gateway's own background work. */
public enum Priority {
    /** Login, status, calls: may queue for a token up to the configured wait, then 429 with Retry-After. */
    AGENT,
    /** Probes, fail-back checks: take a token only above the agents' reserve, never queue. */
    BACKGROUND
}
