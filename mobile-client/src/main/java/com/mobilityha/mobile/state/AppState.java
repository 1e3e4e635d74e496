package com.mobilityha.mobile.state;

/** What the agent's app is doing, as the agent sees it. */
public enum AppState {
    /** No session: the login screen. */
    SIGNED_OUT,
    /** A login is under way (directory credentials, or the IdP's sign-in page for SSO). */
    SIGNING_IN,
    /** S4: the instance the agent signed in to died; the app asks "sign in on the other instance?". */
    AWAITING_CONSENT,
    /** Signed in and available to work. */
    ACTIVE,
    /** On a call. */
    ON_CALL,
    /** S8/S11: the session's Connect instance failed; the agent must sign in again (on the other instance). */
    RELOGIN_REQUIRED,
    /** S9/B2: the primary instance is back; the agent may sign in again to move back, and works meanwhile. */
    FAILBACK_OFFERED,
    /**
     * B8: while the phone was silent the server set the agent to a non-routable status; the app offers
     * "go Available again?" (any status the agent chooses ends it).
     */
    MADE_UNREACHABLE
}
