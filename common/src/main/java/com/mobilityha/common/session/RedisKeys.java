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

    /** Set of the session ids logged in to a Connect instance. */
    public static String instanceSessions(String instanceId) {
        return PREFIX + "idx:instance:" + instanceId;
    }
}
