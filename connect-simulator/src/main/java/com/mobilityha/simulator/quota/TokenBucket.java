package com.mobilityha.simulator.quota;

/**
 * A token bucket: {@code burst} requests at once, refilled at {@code ratePerSecond}; a request
 * without a token is throttled. Time comes from the caller (nanoseconds), so it is tested without waiting.
 */
public final class TokenBucket {
    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long refilledAt;

    public TokenBucket(double ratePerSecond, int burst, long now) {
        this.ratePerNano = ratePerSecond / 1_000_000_000d;
        this.burst = burst;
        this.tokens = burst;
        this.refilledAt = now;
    }

    /** Takes a token if one is there at {@code now}. */
    public synchronized boolean tryTake(long now) {
        tokens = Math.min(burst, tokens + (now - refilledAt) * ratePerNano);
        refilledAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
