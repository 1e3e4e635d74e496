package com.mobilityha.session.downstream;

import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;

/**
 * An administrator's action whose service did not answer may have been carried out anyway; with its
 * request's Idempotency-Key, passed on to the service, a retry is carried out at most once.
 */
final class AdminActions {
    private AdminActions() {
    }

    /** The 503 problem of an unanswered action: retry it with the same Idempotency-Key, never without. */
    static ProblemException unanswered() {
        return new ProblemException(ProblemType.DEPENDENCY_UNAVAILABLE,
                "The service that carries out this action did not answer in time; retry with the same"
                        + " Idempotency-Key (it is carried out once), or check the audit log first");
    }
}
