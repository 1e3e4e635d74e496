package com.mobilityha.simulator.instance;

import java.time.Instant;

/**
 * A voice contact between a customer and an agent. Guarded by its instance.
 * {@code initiationMethod} is Connect's: {@code API} (StartOutboundVoiceContact), {@code INBOUND}
 * (the customer called) or {@code TRANSFER} (another agent transferred it).
 */
public final class SimulatedContact {
    final String id;
    final String agentUserId;
    final String customerNumber;
    final String initiationMethod;
    final String previousContactId;
    final Instant initiatedAt;
    ContactState state;
    Instant stateSince;
    Instant connectedToAgentAt;
    Instant disconnectedAt;

    SimulatedContact(String id, String agentUserId, String customerNumber, String initiationMethod,
                     String previousContactId, ContactState state, Instant now) {
        this.id = id;
        this.agentUserId = agentUserId;
        this.customerNumber = customerNumber;
        this.initiationMethod = initiationMethod;
        this.previousContactId = previousContactId;
        this.initiatedAt = now;
        this.state = state;
        this.stateSince = now;
        this.connectedToAgentAt = state == ContactState.CONNECTED ? now : null;
    }

    boolean active() {
        return state.active();
    }

    void moveTo(ContactState next, Instant now) {
        state = next;
        stateSince = now;
        if (next == ContactState.CONNECTED) {
            connectedToAgentAt = now;
        } else if (!next.active()) {
            disconnectedAt = now;
        }
    }
}
