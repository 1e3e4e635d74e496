package com.mobilityha.notifier.push;

/** What one push to one device came to, as APNs's or FCM's answer is sorted by its {@link PushSender}. */
public enum SendOutcome {
    /** The push service accepted it. */
    SENT,
    /** The push service says the token is dead (e.g. APNs Unregistered, FCM UNREGISTERED): prune the device. */
    PRUNE,
    /** Refused for good for another reason (e.g. payload): do not retry. */
    FAILED,
    /** Throttled, the push service unavailable or the connection failed: retry later. */
    RETRY
}
