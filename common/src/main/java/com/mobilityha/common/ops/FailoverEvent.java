package com.mobilityha.common.ops;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * One failover of a company as its administrators see it.
 *
 * @param kind           what failed over or came back
 * @param subject        the site or Connect instance role that failed or came back (moved to, for {@link Kind#AGENTS_MOVED})
 * @param handledBy      the site that did the failover's duties
 * @param at             when the failover was decided
 * @param detectionMillis from the last sign of life (heartbeat, good probe) to the decision; -1 unknown
 * @param handlingMillis from the decision until every session was re-homed or marked and its push queued
 * @param sessions       the company's sessions it moved or asked to sign in again
 * @param callsLost      calls in progress that were lost (instance failovers, moves from a DOWN instance)
 * @param notificationIds the pushes it queued (WAKE, RELOGIN), whose delivery reports tell the rest
 */
@RegisterForReflection
public record FailoverEvent(String id, Kind kind, String subject, String handledBy, Instant at,
                            long detectionMillis, long handlingMillis, long sessions, long callsLost,
                            List<String> notificationIds) {
    /** What failed over or came back. */
    public enum Kind {
        /** A site's sessions were taken over by the survivor (S6). */
        SITE_TAKEOVER,
        /** One site could not reach a Connect instance the other site reaches: its sessions there moved to the other site (WAKE). */
        SITE_HANDOVER,
        /** A Connect instance went DOWN: its sessions must sign in again (S8, S11). */
        INSTANCE_DOWN,
        /** A Connect instance is UP again; fail-back follows the company's policy (S9, B2). */
        INSTANCE_UP,
        /** Global Resiliency: sessions moved to the other instance of the company's pair without a new sign-in (B3). */
        AGENTS_MOVED
    }
}
