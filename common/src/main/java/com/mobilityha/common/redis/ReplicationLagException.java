package com.mobilityha.common.redis;

import com.mobilityha.common.problem.Problem;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;

import java.util.Map;

/**
 * Too few replicas acknowledged a write that must survive a master failover ({@link ReplicaAcks}); the
 * caller retries (503): the write may be on the master alone.
 */
public class ReplicationLagException extends ProblemException {
    public ReplicationLagException(long acknowledged, int required) {
        super(Problem.of(ProblemType.DEPENDENCY_UNAVAILABLE,
                "The write was acknowledged by " + acknowledged + " of " + required + " Redis replicas"),
                Map.of("Retry-After", "1"));
    }
}
