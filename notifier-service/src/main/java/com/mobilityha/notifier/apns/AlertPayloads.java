package com.mobilityha.notifier.apns;

import com.eatthepath.pushy.apns.util.ApnsPayloadBuilder;
import com.eatthepath.pushy.apns.util.SimpleApnsPayloadBuilder;
import com.mobilityha.common.notification.Push;
import com.mobilityha.common.notification.PushKind;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The APNs payload of a push: an alert, or for a silent push a background one (content-available, nothing shown). It depends on the notification, not on the session, so a fan-out
 * to thousands of sessions serializes it once: the payloads of the most recent notifications are kept, found
 * by notification id (every entry of a notification holds the same fields but the session) and sign-in slot.
 */
final class AlertPayloads {
    private static final int KEPT = 64;

    private final Map<Sent, String> recent = new LinkedHashMap<>(KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Sent, String> eldest) {
            return size() > KEPT;
        }
    };

    /** The JSON payload for {@code push}; no secrets, only what the app needs to react. */
    synchronized String of(Push push) {
        Alert alert = new Alert(push, Instant.now());
        return recent.computeIfAbsent(new Sent(alert.notificationId(), alert.signInAfterSeconds()), sent -> build(alert));
    }

    /** Which payload a push gets: its notification's, with the sign-in slot as counted when sent. */
    private record Sent(String notificationId, Long signInAfterSeconds) {
    }

    private static String build(Alert alert) {
        ApnsPayloadBuilder payload = new SimpleApnsPayloadBuilder();
        if (alert.silent()) {
            payload.setContentAvailable(true); // a background push: nothing shown, the app refreshes
        } else {
            payload.setAlertTitle(title(alert.kind()))
                    .setAlertBody(alert.message() == null ? title(alert.kind()) : alert.message())
                    .setSound("default");
        }
        payload.addCustomProperty("kind", alert.kind().name())
                .addCustomProperty("companyCode", alert.companyCode())
                .addCustomProperty("notificationId", alert.notificationId())
                .addCustomProperty("collapseId", alert.collapseId());
        if (alert.instanceRole() != null) {
            payload.addCustomProperty("instanceRole", alert.instanceRole());
        }
        if (alert.signInWithinSeconds() != null) {
            payload.addCustomProperty("signInAfter", alert.signInAfterSeconds());
            payload.addCustomProperty("signInWithin", alert.signInWithinSeconds());
        }
        return payload.build();
    }

    private static String title(PushKind kind) {
        return switch (kind) {
            case WAKE -> "Reconnecting you";
            case RELOGIN -> "Please sign in again";
            case FAILBACK -> "Please sign in to move back";
            case MESSAGE -> "Message from your administrator";
        };
    }

    /** What a payload is made of: everything of a push but its session. */
    private record Alert(PushKind kind, String companyCode, String notificationId, String collapseId, String message,
                         String instanceRole, Long signInAfterSeconds, Long signInWithinSeconds, boolean silent) {
        /** The payload of {@code push} sent {@code now}: a sign-in slot counts from its sending. */
        Alert(Push push, Instant now) {
            this(push.kind(), push.companyCode(), push.notificationId(), push.collapseId(), push.message(),
                    push.instanceRole(), push.signInSlot() == null ? null : push.signInSlot().afterSecondsAt(now),
                    push.signInSlot() == null ? null : push.signInSlot().withinSeconds(), push.silent());
        }
    }
}
