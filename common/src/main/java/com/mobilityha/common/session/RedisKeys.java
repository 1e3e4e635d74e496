package com.mobilityha.common.session;

/** Names of the Redis keys shared by the services; one place so that sites and services agree. */
public final class RedisKeys {
    private static final String PREFIX = "mha:";

    private RedisKeys() {
    }

    /** JSON {@link SessionRecord} keyed by the SHA-256 of its token. */
    public static String sessionByTokenHash(String tokenHash) {
        return PREFIX + "session:" + tokenHash;
    }

    /** Token hash of a session id, for lookups by id (admin, notifier). */
    public static String tokenHashOfSession(String sessionId) {
        return PREFIX + "session-token:" + sessionId;
    }

    /** Set of the session ids of a company. */
    public static String companySessions(String companyCode) {
        return PREFIX + "idx:company:" + companyCode;
    }

    /** SCAN pattern of every session index set (company, instance, site, user). */
    public static String indexPattern() {
        return PREFIX + "idx:*";
    }

    /** Set of the session ids of one user of a company (all their phones). */
    public static String userSessions(String companyCode, String username) {
        return PREFIX + "idx:user:" + companyCode + ":" + username;
    }

    /** Set of the session ids a mobility site serves (re-homed by a site failover). */
    public static String siteSessions(String site) {
        return PREFIX + "idx:site:" + site;
    }

    /** A site's heartbeat: present while the site is ready, expires a few seconds after it is not. */
    public static String siteHeartbeat(String site) {
        return PREFIX + "site:" + site + ":heartbeat";
    }

    /** Who took over a dead site ({@code <survivor>:<epoch>}); removed when the site lives again. */
    public static String siteTakeover(String site) {
        return PREFIX + "site:" + site + ":taken-over-by";
    }

    /** The fencing epoch of site failovers, incremented by each takeover. */
    public static String siteEpoch() {
        return PREFIX + "site-epoch";
    }

    /** A started SSO login, until it is completed once or expires. */
    public static String pendingLogin(String loginId) {
        return PREFIX + "login:" + loginId;
    }

    /** Times of the recent login attempts of one client address or user (sorted set). */
    public static String loginAttempts(String scope, String subject) {
        return PREFIX + "login-attempts:" + scope + ":" + subject;
    }

    /** The IdP refresh token of an SSO session, encrypted. */
    public static String idpRefreshToken(String sessionId) {
        return PREFIX + "idp-refresh:" + sessionId;
    }

    /** Set of the session ids logged in to a Connect instance. */
    public static String instanceSessions(String instanceId) {
        return PREFIX + "idx:instance:" + instanceId;
    }

    /** Hash of a Connect instance's shared state: {@code state}, {@code since}, {@code by} (site), {@code epoch}. */
    public static String connectInstance(String instanceId) {
        return PREFIX + "connect-instance:" + instanceId;
    }

    /**
     * Hash of the gateway pods' current views of a Connect instance, from which its shared state is
     * decided: one field per pod ({@code <site>/<pod>}), {@code <UP|DEGRADED|SUSPECT|DOWN>@<Redis time in ms>},
     * and {@code :since}, since when (Redis time in ms) the pods have been reporting without a gap.
     */
    public static String connectInstanceViews(String instanceId) {
        return PREFIX + "connect-instance-views:" + instanceId;
    }

    /** Stream of a company's failovers (site takeovers, instances down and back) with their timings. */
    public static String failoverJournal(String companyCode) {
        return PREFIX + "failovers:" + companyCode;
    }

    /** Stream of what a company's administrators did (who, when, what). */
    public static String auditLog(String companyCode) {
        return PREFIX + "audit:" + companyCode;
    }

    /** List of a company's most recent notification ids, newest first. */
    public static String recentNotifications(String companyCode) {
        return PREFIX + "notifications:recent:" + companyCode;
    }
}
