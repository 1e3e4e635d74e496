package com.mobilityha.common.company;

/**
 * What happens for a company's agents when its primary Connect instance is back (S9, B2). Nobody is
 * ever moved by itself: a Connect login cannot move, so fail-back is a FAILBACK push asking the
 * agent to sign in again on the primary.
 */
public enum FailbackPolicy {
    /** An administrator triggers the FAILBACK notifications ({@code POST /api/v1/admin/failbacks}). */
    MANUAL,
    /**
     * The primary coming back starts a fail-back by itself, and each agent gets FAILBACK only once
     * Amazon Connect shows them off-contact (B2), so nobody is asked to leave in the middle of a call.
     */
    WHEN_IDLE
}
