package com.mobilityha.common.notification;

/**
 * What became of some of a notification's devices, added to its delivery report by
 * {@link NotificationReports#addAll}: devices targeted, pushes accepted, pushes that failed, devices
 * pruned because their token is dead.
 */
public record DeliveryCounts(long targeted, long sent, long failed, long pruned) {

    /** Both counts together. */
    public DeliveryCounts plus(DeliveryCounts other) {
        return new DeliveryCounts(targeted + other.targeted, sent + other.sent, failed + other.failed,
                pruned + other.pruned);
    }
}
