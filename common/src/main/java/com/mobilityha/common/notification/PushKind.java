package com.mobilityha.common.notification;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a push asks the app to do (docs/architecture.md §3). The names are the wire format: they
 * travel as they are in the notification stream, the delivery reports, the admin API and the
 * payloads phones receive, so a constant is never renamed. Read and written by Jackson in the admin
 * API, hence registered for reflection (native images).
 */
@RegisterForReflection
public enum PushKind {
    /** The mobility server changed (site takeover): reconnect, the session is still valid. */
    WAKE,
    /** The Connect instance failed: sign in again, on the instance the push names if there is one. */
    RELOGIN,
    /** The primary instance is back: sign in to move back to it. */
    FAILBACK,
    /** An administrator's message. */
    MESSAGE
}
