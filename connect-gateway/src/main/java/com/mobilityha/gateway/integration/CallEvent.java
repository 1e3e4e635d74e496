package com.mobilityha.gateway.integration;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.Map;

/**
 * Something that happened to an agent's call, as the CRM receives it.
 *
 * @param type         {@code call.started}, {@code call.ended} or {@code call.lost} (S11)
 * @param companyCode  the agent's company
 * @param agent        the agent's username
 * @param contactId    the Amazon Connect contact
 * @param instanceRole the Connect instance the call was on
 * @param occurredAt   when
 */
@RegisterForReflection
public record CallEvent(String type, String companyCode, String agent, String contactId, String instanceRole,
                        Instant occurredAt) {
    public static final String STARTED = "call.started";
    public static final String ENDED = "call.ended";
    public static final String LOST = "call.lost";

    Map<String, String> toFields() {
        return Map.of("type", type, "companyCode", companyCode, "agent", agent, "contactId", contactId,
                "instanceRole", instanceRole, "occurredAt", occurredAt.toString());
    }

    static CallEvent fromFields(Map<String, String> fields) {
        return new CallEvent(fields.get("type"), fields.get("companyCode"), fields.get("agent"),
                fields.get("contactId"), fields.get("instanceRole"), Instant.parse(fields.get("occurredAt")));
    }
}
