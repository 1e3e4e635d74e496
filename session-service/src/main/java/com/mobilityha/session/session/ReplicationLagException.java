package com.mobilityha.session.session;

import com.mobilityha.common.problem.Problem;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;

import java.util.Map;

/** Too few replicas acknowledged a session write in time; the app retries (503). */
public class ReplicationLagException extends ProblemException {
    public ReplicationLagException(long acknowledged, int required) {
        super(Problem.of(ProblemType.DEPENDENCY_UNAVAILABLE,
                "Session storage acknowledged by " + acknowledged + " of " + required + " replicas"),
                Map.of("Retry-After", "1"));
    }
}
