package com.mobilityha.localstack.push;

/**
 * A push as a phone's OS receives it: the payload (APNs) or message (FCM) as JSON, and when it arrived
 * ({@link System#nanoTime()}), so a simulated app reacts as of its arrival however late its thread runs.
 */
public record Delivery(String payload, long atNanos) {
}
