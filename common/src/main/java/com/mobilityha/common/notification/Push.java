package com.mobilityha.common.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One stream entry: a push of {@code kind} to every device of one session. Payloads carry no
 * secrets: kind, company, the Connect instance role concerned (for RELOGIN: the one to sign in to
 * next), message, ids, and for a RELOGIN wave the app's {@link SignInSlot} (null: at once). A
 * {@code silent} push shows nothing: it wakes the app in the background to refresh its state.
 */
public record Push(String notificationId, String sessionId, PushKind kind, String companyCode, String instanceRole,
                   String message, String collapseId, SignInSlot signInSlot, boolean silent) {

    /**
     * When the app signs in again in a RELOGIN wave: at a moment it picks within {@code withinSeconds},
     * from {@code afterSeconds} after {@code from} (when the wave was published). The payload says how
     * long after <em>its sending</em> the slot starts ({@link #afterSecondsAt}), so a push that waited in
     * the fan-out does not push its app's slot later, and no phone clock is needed.
     */
    public record SignInSlot(long afterSeconds, long withinSeconds, Instant from) {
        /** Whole seconds from {@code now} until the slot starts (0 once it has). */
        public long afterSecondsAt(Instant now) {
            return Math.max(0, afterSeconds - Duration.between(from, now).toSeconds());
        }
    }

    /** The entry's fields as stored in the stream. */
    public Map<String, String> toFields() {
        Map<String, String> fields = new HashMap<>();
        fields.put("notificationId", notificationId);
        fields.put("sessionId", sessionId);
        fields.put("kind", kind.name());
        fields.put("companyCode", companyCode);
        fields.put("collapseId", collapseId);
        if (message != null) {
            fields.put("message", message);
        }
        if (instanceRole != null) {
            fields.put("instanceRole", instanceRole);
        }
        if (silent) {
            fields.put("silent", "1");
        }
        if (signInSlot != null) {
            fields.put("signInAfter", Long.toString(signInSlot.afterSeconds()));
            fields.put("signInWithin", Long.toString(signInSlot.withinSeconds()));
            fields.put("signInFrom", Long.toString(signInSlot.from().toEpochMilli()));
        }
        return fields;
    }

    /** The push of a stream entry, from the fields {@link #toFields()} stored. */
    public static Push fromFields(Map<String, String> fields) {
        return new Push(fields.get("notificationId"), fields.get("sessionId"), PushKind.valueOf(fields.get("kind")),
                fields.get("companyCode"), fields.get("instanceRole"), fields.get("message"), fields.get("collapseId"),
                fields.containsKey("signInAfter") ? new SignInSlot(Long.parseLong(fields.get("signInAfter")),
                        Long.parseLong(fields.get("signInWithin")), Instant.ofEpochMilli(Long.parseLong(fields.get("signInFrom"))))
                        : null,
                "1".equals(fields.get("silent")));
    }
}
