package com.mobilityha.gateway.health;

/** What one probe of an instance tells. */
public enum ProbeResult {
    /** The instance answered (a throttled or refused request is an answer too). */
    ANSWERED,
    /** The instance failed as a sick instance does: no connection, reset, 5xx, or no answer in time while this JVM ran on time. */
    FAILED,
    /**
     * No news: the breaker refused the probe, the probe path is not warm yet, or the probe timed out
     * while this JVM stood still (so the timeout measured this process, not Amazon Connect).
     */
    INCONCLUSIVE
}
