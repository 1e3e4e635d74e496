package com.mobilityha.gateway.failback;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * One fail-back of a company's agents to its primary instance and how far it got.
 *
 * @param failbackId      opaque id
 * @param companyCode     the company
 * @param whenIdle        true: each agent is told only once off-contact (B2); false: all at once
 * @param startedBy       the administrator, or {@code policy} when the primary coming back started it
 * @param startedAt       when it started
 * @param targeted        agents on another instance than the primary when it started
 * @param notified        agents sent FAILBACK so far
 * @param waiting         agents still on a contact, to be told when it ends
 * @param dropped         agents who left (logged out, session ended or failed over) before being told
 * @param superseded      true when a later fail-back of the company replaced this one
 * @param notificationIds the FAILBACK notifications sent, for their delivery reports
 */
@RegisterForReflection
public record Failback(String failbackId, String companyCode, boolean whenIdle, String startedBy, Instant startedAt,
                       long targeted, long notified, long waiting, long dropped, boolean superseded,
                       List<String> notificationIds) {
}
