package com.mobilityha.mobile.state;

/** What happens to the app: the agent's actions, server answers and pushes. */
public enum AppEvent {
    LOGIN_STARTED,
    LOGIN_SUCCEEDED,
    LOGIN_FAILED,
    /** S4: the login's instance is unavailable and the server offers the other one ({@code retryWith}). */
    OTHER_INSTANCE_OFFERED,
    CONSENT_GIVEN,
    CONSENT_REFUSED,
    CALL_STARTED,
    CALL_ENDED,
    /** WAKE push (S6): refresh the state; nothing changes for the agent. */
    WAKE_RECEIVED,
    /** RELOGIN push, or the session read back RELOGIN_REQUIRED (S8, S11). */
    RELOGIN_RECEIVED,
    /** FAILBACK push (S9, B2). */
    FAILBACK_RECEIVED,
    /** B8: a check-in answered that the agent was made non-routable while the phone was silent. */
    MADE_UNREACHABLE_TOLD,
    /** The agent set a status ({@code PUT /api/v1/agent/status} answered 200). */
    STATUS_CHOSEN,
    /** The server refused the session token (ended or expired elsewhere). */
    SESSION_ENDED,
    LOGGED_OUT
}
