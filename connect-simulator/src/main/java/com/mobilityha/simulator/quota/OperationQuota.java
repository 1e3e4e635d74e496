package com.mobilityha.simulator.quota;

/**
 * The throttling quota of one Amazon Connect operation.
 *
 * @param ratePerSecond the sustained rate allowed per account and Region
 * @param burst         how many requests may arrive at once
 * @param errorType     the {@code x-amzn-ErrorType} of its throttling answer (HTTP 429)
 */
public record OperationQuota(double ratePerSecond, int burst, String errorType) {
}
