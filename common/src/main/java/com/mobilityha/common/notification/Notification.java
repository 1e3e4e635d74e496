package com.mobilityha.common.notification;

import java.util.List;
import java.util.Objects;

/**
 * A notification to publish: a push of one kind to sessions of a company, with who sent it for its
 * delivery report. Built with {@link #of} and, where the kind needs them, {@link #saying},
 * {@link #aboutInstance}, {@link #signingInIn} and {@link #silently}, so a call site names every part of
 * what it sends.
 *
 * @param sessionIds   the target sessions, one stream entry each
 * @param message      the text shown on the phone (may be null)
 * @param instanceRole the Connect instance role the push is about, e.g. the one to sign in to next (may be null)
 * @param signInSlots  for a RELOGIN wave: when each session's app signs in again, so that the wave's
 *                     logins reach Amazon Connect at the rate its quotas accept (null: at once)
 * @param silent       nothing to show: the app is woken in the background to refresh its state (a WAKE about
 *                     a call that started or ended without it), never an alert
 * @param origin       who sends it, shown with its delivery report: an administrator or a failover
 */
public record Notification(PushKind kind, String companyCode, List<String> sessionIds, String message,
                           String instanceRole, SignInSlots signInSlots, boolean silent, String origin) {

    public Notification {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(companyCode, "companyCode");
        Objects.requireNonNull(origin, "origin");
        sessionIds = List.copyOf(sessionIds);
    }

    /** A push of {@code kind} to these sessions of a company, sent by {@code origin}, without message. */
    public static Notification of(PushKind kind, String companyCode, List<String> sessionIds, String origin) {
        return new Notification(kind, companyCode, sessionIds, null, null, null, false, origin);
    }

    /** The same notification showing {@code text} on the phone (null for none). */
    public Notification saying(String text) {
        return new Notification(kind, companyCode, sessionIds, text, instanceRole, signInSlots, silent, origin);
    }

    /** The same notification about the Connect instance of this role (null for none). */
    public Notification aboutInstance(String role) {
        return new Notification(kind, companyCode, sessionIds, message, role, signInSlots, silent, origin);
    }

    /** The same notification giving each session's app its slot to sign in again (null: at once). */
    public Notification signingInIn(SignInSlots slots) {
        return new Notification(kind, companyCode, sessionIds, message, instanceRole, slots, silent, origin);
    }

    /** The same notification as a background push with nothing to show (it has no message). */
    public Notification silently() {
        if (message != null) {
            throw new IllegalStateException("a silent notification shows nothing: no message");
        }
        return new Notification(kind, companyCode, sessionIds, null, instanceRole, signInSlots, true, origin);
    }
}
