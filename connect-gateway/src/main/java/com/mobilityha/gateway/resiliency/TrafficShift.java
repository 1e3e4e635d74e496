package com.mobilityha.gateway.resiliency;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * An administrator's shift of a Global Resiliency company's traffic distribution group to one Region (B3):
 * all at once, or in waves of {@link #WAVE} % with a pause between. Each wave sends that much more of the
 * telephony and the agents there and moves as many of the company's agents, those off a call first; an
 * agent on a call on a working instance moves once the call ends. A fail-back is a shift to the source.
 *
 * @param shiftId      the id its audit entry names
 * @param companyCode  the company
 * @param targetRole   the instance shifted to (role of the company's configuration)
 * @param targetRegion its Region
 * @param inWaves      waves of {@link #WAVE} % (false: 100 % at once)
 * @param pauseSeconds the pause between two waves, in seconds
 * @param percentage   the share of telephony and agents sent to the target so far
 * @param state        how far it got
 * @param startedBy    the administrator
 * @param startedAt    when it started
 * @param nextWaveAt   when the next wave goes (null once the shift is no longer in progress)
 */
@RegisterForReflection
public record TrafficShift(String shiftId, String companyCode, String targetRole, String targetRegion, boolean inWaves,
                           long pauseSeconds, int percentage, State state, String startedBy, Instant startedAt,
                           Instant nextWaveAt) {
    /** The share a wave adds, in percent: UpdateTrafficDistribution's step. */
    public static final int WAVE = 10;

    /** How far a shift got. */
    public enum State {
        /** More waves to go. */
        IN_PROGRESS,
        /** The group sends everything to the target; agents on a call there follow when their call ends. */
        DONE,
        /** Someone else changed the group meanwhile (another shift, the AWS console, the automatic failover). */
        OVERTAKEN
    }

    /** The next wave, sent {@code at}. */
    TrafficShift nextWave(Instant at) {
        int next = Math.min(100, percentage + WAVE);
        return next == 100 ? ended(State.DONE, next) : new TrafficShift(shiftId, companyCode, targetRole, targetRegion,
                inWaves, pauseSeconds, next, State.IN_PROGRESS, startedBy, startedAt, at.plusSeconds(pauseSeconds));
    }

    /** The shift no longer in progress. */
    TrafficShift ended(State end, int reached) {
        return new TrafficShift(shiftId, companyCode, targetRole, targetRegion, inWaves, pauseSeconds, reached, end, startedBy,
                startedAt, null);
    }
}
