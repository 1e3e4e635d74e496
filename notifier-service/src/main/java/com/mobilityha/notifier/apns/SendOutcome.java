package com.mobilityha.notifier.apns;

/** What one push to one device came to. */
public enum SendOutcome {
    /** APNs accepted it. */
    SENT,
    /** APNs says the token is dead (Unregistered, BadDeviceToken, DeviceTokenNotForTopic): prune the device. */
    PRUNE,
    /** Refused for good for another reason (e.g. payload): do not retry. */
    FAILED,
    /** Throttled, APNs unavailable or the connection failed: retry later. */
    RETRY
}
