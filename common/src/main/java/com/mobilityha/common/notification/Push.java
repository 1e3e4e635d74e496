package com.mobilityha.common.notification;

import java.util.HashMap;
import java.util.Map;

/**
 * One stream entry: a push of {@code kind} to every device of one session. Payloads carry no
 * secrets: kind, company, the Connect instance role concerned (for RELOGIN: the one to sign in to
 * next), message, ids, and for a RELOGIN wave the app's slot to sign in again: from {@code signInAfter}
 * seconds after the push, at a moment it picks within {@code signInWithin} seconds (null: at once).
 * A {@code silent} push shows nothing: it wakes the app in the background to refresh its state.
 */
public record Push(String notificationId, String sessionId, PushKind kind, String companyCode, String instanceRole,
                   String message, String collapseId, Long signInAfterSeconds, Long signInWithinSeconds,
                   boolean silent) {

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
        if (signInWithinSeconds != null) {
            fields.put("signInAfter", String.valueOf(signInAfterSeconds));
            fields.put("signInWithin", signInWithinSeconds.toString());
        }
        return fields;
    }

    /** The push of a stream entry, from the fields {@link #toFields()} stored. */
    public static Push fromFields(Map<String, String> fields) {
        return new Push(fields.get("notificationId"), fields.get("sessionId"), PushKind.valueOf(fields.get("kind")),
                fields.get("companyCode"), fields.get("instanceRole"), fields.get("message"), fields.get("collapseId"),
                fields.containsKey("signInAfter") ? Long.valueOf(fields.get("signInAfter")) : null,
                fields.containsKey("signInWithin") ? Long.valueOf(fields.get("signInWithin")) : null,
                "1".equals(fields.get("silent")));
    }
}
