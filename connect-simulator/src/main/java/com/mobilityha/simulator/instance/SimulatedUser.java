package com.mobilityha.simulator.instance;

import java.time.Instant;

/** A Connect user and its live state (status, phone configuration). Guarded by its instance. */
public final class SimulatedUser {
    final String id;
    final String username;
    final String firstName;
    final String lastName;
    final String routingProfileId;
    AgentStatusDef status;
    Instant statusSince;
    String phoneType = "SOFT_PHONE";
    String deskPhoneNumber;
    boolean autoAccept;

    SimulatedUser(String id, String username, String firstName, String lastName, String routingProfileId,
                  AgentStatusDef status, Instant now) {
        this.id = id;
        this.username = username;
        this.firstName = firstName;
        this.lastName = lastName;
        this.routingProfileId = routingProfileId;
        this.status = status;
        this.statusSince = now;
    }

    public String id() {
        return id;
    }

    public String username() {
        return username;
    }
}
