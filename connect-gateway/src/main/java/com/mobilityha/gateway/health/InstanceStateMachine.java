package com.mobilityha.gateway.health;

import com.mobilityha.common.instance.ConnectInstanceStates;
import com.mobilityha.common.instance.InstanceState;

/**
 * How one pod's view of one Connect instance moves, from probe results alone, and what the pod
 * proposes to the shared state. Pure (no clock, no I/O) so that every rule is unit-tested in
 * milliseconds; one per instance, driven by one probe at a time.
 * <ul>
 *   <li>DOWN after {@code downAfter} failed probes in a row; UP again after {@code upAfter}
 *       answers in a row (the breaker is then reset: failures from before the outage do not count).</li>
 *   <li>DEGRADED while answering but the instance's breaker is not closed.</li>
 *   <li>Inconclusive probes change nothing; until a conclusive one, the pod has no view.</li>
 *   <li>The view it reports is its state, or SUSPECT while its last probe failed short of DOWN.</li>
 * </ul>
 */
final class InstanceStateMachine {
    private final int downAfter;
    private final int upAfter;
    /** Read by health checks and routing on other threads. */
    private volatile InstanceState state = InstanceState.UP;
    private int failures;
    private int successes;
    private boolean witnessed;
    private InstanceState shared;
    private InstanceState reported = InstanceState.UP;

    InstanceStateMachine(int downAfter, int upAfter) {
        this.downAfter = downAfter;
        this.upAfter = upAfter;
    }

    /** What one probe did to the state. */
    record Step(InstanceState from, InstanceState to) {
        boolean changed() {
            return from != to;
        }

        /** True when the instance left DOWN: its breaker must forget the failures of the outage. */
        boolean recovered() {
            return from == InstanceState.DOWN && to != InstanceState.DOWN;
        }
    }

    /** Feeds one probe's result, with whether the instance's breaker is closed now. */
    Step probed(ProbeResult result, boolean breakerClosed) {
        if (result != ProbeResult.INCONCLUSIVE) {
            boolean answered = result == ProbeResult.ANSWERED;
            failures = answered ? 0 : failures + 1;
            successes = answered ? successes + 1 : 0;
            witnessed = true;
        }
        InstanceState from = state;
        if (witnessed) {
            state = next(breakerClosed);
        }
        return new Step(from, state);
    }

    private InstanceState next(boolean breakerClosed) {
        if (failures >= downAfter || state == InstanceState.DOWN && successes < upAfter) {
            return InstanceState.DOWN;
        }
        return state == InstanceState.DOWN || breakerClosed ? InstanceState.UP : InstanceState.DEGRADED;
    }

    InstanceState state() {
        return state;
    }

    /** True once a conclusive probe told something: before that, this pod has no view to report. */
    boolean witnessed() {
        return witnessed;
    }

    /** The view this pod reports: its state, or SUSPECT while its last probe failed short of DOWN. */
    String view() {
        return failures > 0 && state != InstanceState.DOWN ? ConnectInstanceStates.SUSPECT : state.name();
    }

    /**
     * Records that this pod reported its current state, and the shared state the vote returned
     * (null while none is recorded).
     */
    void reported(InstanceState sharedState) {
        this.shared = sharedState;
        this.reported = state;
    }

    /**
     * What this pod proposes now: a state it has not reported yet; a DOWN the shared state does not
     * hold (every round, until the quorum confirms it or the view changes); an answering instance
     * the shared state still holds DOWN, once it answered {@code upAfter} times in a row. Null
     * proposes nothing.
     */
    InstanceState proposal() {
        boolean sharedDown = shared == InstanceState.DOWN;
        if (state == InstanceState.DOWN ? !sharedDown : sharedDown && successes >= upAfter) {
            return state;
        }
        return state != reported ? state : null;
    }
}
