package com.mobilityha.common.session;

/** Lifecycle of a session as the app sees it in {@code GET /api/v1/session}. */
public enum SessionStatus {
    /** Logged in to Amazon Connect and usable. */
    ACTIVE,
    /** Its Connect instance failed: the app must log in again on the instance named in the RELOGIN push. */
    RELOGIN_REQUIRED,
    /** Logged out; the token is refused everywhere. */
    ENDED
}
