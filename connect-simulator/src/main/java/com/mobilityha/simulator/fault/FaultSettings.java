package com.mobilityha.simulator.fault;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Faults of one instance.
 *
 * @param mode       HEALTHY; RESET (connection closed without an answer, as a dead endpoint);
 *                   ERROR_500 (InternalServiceException); HANG (never answers)
 * @param latencyMs  delay added to every call (or only to the next {@code slowNext} calls) before it reaches
 *                   the account's API quota, as the network's delay is
 * @param throttle   every call answers ThrottlingException (429)
 * @param errorRate  fraction (0..1) of calls answering InternalServiceException
 * @param failNext   the next this many calls answer InternalServiceException (a deterministic blip)
 * @param slowNext   when above 0, only the next this many calls are delayed by {@code latencyMs} (a slow
 *                   start: cold connections, a warming endpoint)
 * @param slowOperation when set, only calls of this operation (e.g. {@code StartOutboundVoiceContact}) are
 *                   delayed, so that one slow request can be raced by others answered at once
 */
@RegisterForReflection
public record FaultSettings(Mode mode, Long latencyMs, Boolean throttle, Double errorRate, Integer failNext,
                            Integer slowNext, String slowOperation) {
    public static final FaultSettings HEALTHY = new FaultSettings(Mode.HEALTHY, 0L, false, 0.0, 0, 0, null);

    /** How the instance fails as a whole. */
    public enum Mode { HEALTHY, RESET, ERROR_500, HANG }

    /** Missing members take their healthy value. */
    FaultSettings normalized() {
        return new FaultSettings(mode == null ? Mode.HEALTHY : mode, latencyMs == null ? 0L : latencyMs,
                throttle != null && throttle, errorRate == null ? 0.0 : errorRate, failNext == null ? 0 : failNext,
                slowNext == null ? 0 : slowNext, slowOperation);
    }

    /** Whether a call of this operation is one the latency applies to (before {@code slowNext} is counted). */
    boolean slows(String operation) {
        return latencyMs > 0 && (slowOperation == null || slowOperation.equals(operation));
    }

    /** The reason these settings are invalid, or null. */
    String invalidReason() {
        if (latencyMs != null && (latencyMs < 0 || latencyMs > 600_000)) {
            return "latencyMs must be between 0 and 600000";
        }
        if (errorRate != null && (errorRate < 0 || errorRate > 1 || errorRate.isNaN())) {
            return "errorRate must be between 0 and 1";
        }
        if (failNext != null && (failNext < 0 || failNext > 1000)) {
            return "failNext must be between 0 and 1000";
        }
        if (slowNext != null && (slowNext < 0 || slowNext > 1000)) {
            return "slowNext must be between 0 and 1000";
        }
        return null;
    }
}
