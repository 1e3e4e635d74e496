package com.mobilityha.common.ops;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * One administrator action.
 *
 * @param who    the administrator (token principal)
 * @param action e.g. {@code NOTIFICATION_SENT}, {@code FAILBACK_STARTED}
 * @param what   a readable summary: audience, kind, message, mode
 * @param ref    the id of what it created (notification, fail-back)
 */
@RegisterForReflection
public record AuditEntry(String id, Instant at, String who, String action, String what, String ref) {
}
