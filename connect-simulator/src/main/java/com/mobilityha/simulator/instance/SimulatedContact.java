package com.mobilityha.simulator.instance;

import java.time.Instant;

/** An outbound voice contact placed for an agent. Guarded by its instance. */
public final class SimulatedContact {
    final String id;
    final String agentUserId;
    final String destination;
    final Instant initiatedAt;
    Instant disconnectedAt;

    SimulatedContact(String id, String agentUserId, String destination, Instant initiatedAt) {
        this.id = id;
        this.agentUserId = agentUserId;
        this.destination = destination;
        this.initiatedAt = initiatedAt;
    }

    boolean active() {
        return disconnectedAt == null;
    }
}
