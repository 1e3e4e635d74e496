package com.mobilityha.common.session;

import com.mobilityha.common.problem.Problem;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;

import java.util.Map;

/**
 * Sessions were written by someone else each time a conditional update re-read them, as many times as it
 * tries ({@link #ATTEMPTS}); the caller retries (503), a duty's next round finishes the work.
 */
public class SessionsKeptChanging extends ProblemException {
    /** How often an update is applied to sessions that changed since they were read before giving up. */
    public static final int ATTEMPTS = 5;

    public SessionsKeptChanging(int sessions) {
        super(Problem.of(ProblemType.DEPENDENCY_UNAVAILABLE, sessions + " sessions kept changing while being updated"),
                Map.of("Retry-After", "1"));
    }
}
