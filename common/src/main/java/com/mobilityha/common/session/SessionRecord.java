package com.mobilityha.common.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * A session as stored in Redis and answered to the app (the token itself is never part of it).
 *
 * @param sessionId   opaque id, safe to log
 * @param companyCode the tenant
 * @param user        who is logged in
 * @param instance    the Amazon Connect instance the agent is logged in to (a Connect login cannot move)
 * @param site        the mobility site that serves the session
 * @param status      lifecycle state
 * @param createdAt   login time
 * @param expiresAt   end of the Connect agent session
 * @param call        the active call, or null
 * @param callLost    true when a call was lost because its Connect instance failed (S11)
 * @param version     how many times the record was updated after the login (absent: never); every update
 *                    is conditional on it ({@link SessionRepository}), so that a copy read before another
 *                    update (a logout, a RELOGIN mark, a takeover) never overwrites it
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionRecord(String sessionId, String companyCode, SessionUser user, InstanceRef instance,
                            String site, SessionStatus status, Instant createdAt, Instant expiresAt,
                            ActiveCall call, Boolean callLost, Long version) {

    /** The user of a session: the directory login name and the Connect user id on {@link #instance}. */
    @RegisterForReflection
    public record SessionUser(String username, String connectUserId) {
    }

    /** A Connect instance: its role for the company (primary/secondary), id and AWS region. */
    @RegisterForReflection
    public record InstanceRef(String role, String instanceId, String region) {
    }

    /** A call in progress on the session. */
    @RegisterForReflection
    public record ActiveCall(String contactId, Instant startedAt) {
    }

    public boolean usable() {
        return status != SessionStatus.ENDED;
    }

    /** Live and served by {@code siteName}: what a takeover of that site moves (S6). */
    public boolean servedBy(String siteName) {
        return usable() && siteName.equals(site);
    }

    /** The same session in another state. */
    public SessionRecord withStatus(SessionStatus newStatus) {
        return new SessionRecord(sessionId, companyCode, user, instance, site, newStatus, createdAt, expiresAt, call,
                callLost, version);
    }

    /** The same session with this call in progress (null: no call). */
    public SessionRecord withCall(ActiveCall newCall) {
        return new SessionRecord(sessionId, companyCode, user, instance, site, status, createdAt, expiresAt, newCall,
                callLost, version);
    }

    /** S6: the same session served from now on by another mobility site (its Connect login is untouched). */
    public SessionRecord withSite(String newSite) {
        return new SessionRecord(sessionId, companyCode, user, instance, newSite, status, createdAt, expiresAt, call,
                callLost, version);
    }

    /**
     * B3: the same session moved to the other instance of an Amazon Connect Global Resiliency pair, where the
     * same user has this id: no new sign-in; a call in progress is lost (Connect cannot move calls).
     */
    public SessionRecord onInstance(InstanceRef newInstance, String connectUserId) {
        return new SessionRecord(sessionId, companyCode, new SessionUser(user.username(), connectUserId), newInstance,
                site, status, createdAt, expiresAt, null, call != null || Boolean.TRUE.equals(callLost) ? Boolean.TRUE : null,
                version);
    }

    /** S8/S11: the Connect instance failed: sign in again; a call in progress is lost with it. */
    public SessionRecord reloginRequired() {
        return new SessionRecord(sessionId, companyCode, user, instance, site, SessionStatus.RELOGIN_REQUIRED, createdAt,
                expiresAt, null, call != null || Boolean.TRUE.equals(callLost) ? Boolean.TRUE : null, version);
    }

    /** The version of the stored record (0: never updated). */
    long storedVersion() {
        return version == null ? 0 : version;
    }

    /** The same session as the update that follows the stored version writes it. */
    SessionRecord nextVersion() {
        return new SessionRecord(sessionId, companyCode, user, instance, site, status, createdAt, expiresAt, call,
                callLost, storedVersion() + 1);
    }
}
