package com.mobilityha.session.downstream;

import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;

/** An administrator's action whose service did not answer may have been carried out anyway. */
final class AdminActions {
    private AdminActions() {
    }

    /** The 503 problem of an unanswered action: it is not to be retried blindly. */
    static ProblemException unanswered() {
        return new ProblemException(ProblemType.DEPENDENCY_UNAVAILABLE,
                "The service that carries out this action did not answer in time; check the notifications and"
                        + " the audit log before trying again");
    }
}
