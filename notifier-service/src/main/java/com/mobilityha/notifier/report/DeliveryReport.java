package com.mobilityha.notifier.report;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * What became of one notification: devices targeted, pushes APNs accepted, pushes that failed,
 * devices pruned because APNs declared their token dead, and entries still in flight.
 */
@RegisterForReflection
public record DeliveryReport(String notificationId, String companyCode, String kind, Instant createdAt,
                             long sessions, long targeted, long sent, long failed, long pruned) {
}
