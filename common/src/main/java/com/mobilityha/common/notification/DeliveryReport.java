package com.mobilityha.common.notification;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * What became of one notification: devices targeted, pushes APNs or FCM accepted, pushes that
 * failed, devices pruned because their token is dead, and sessions whose app acknowledged the push
 * (delivered to the phone, not only accepted by APNs or FCM). Read from Redis by {@link NotificationReports}.
 *
 * @param origin    who sent it: an administrator's name, or the failover that queued it
 * @param message   the text shown on the phone (may be null)
 * @param delivered the target sessions whose app acknowledged the push (each counted once)
 */
@RegisterForReflection
public record DeliveryReport(String notificationId, String companyCode, PushKind kind, Instant createdAt,
                             String origin, String message,
                             long sessions, long targeted, long sent, long failed, long pruned,
                             long delivered) {
}
