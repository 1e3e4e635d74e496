package com.mobilityha.common.redis;

/**
 * Every Redis key of Mobility HA, in one place so that both sites and all four services agree. One
 * Redis data set spans both sites; each key names the one class that owns its format (the only
 * class that reads or writes it with Redis commands) and the services that go through that class.
 * The formats that cross services or sites are pinned by the contract tests of {@code common}.
 */
public final class RedisKeys {
    private static final String PREFIX = "mha:";

    private RedisKeys() {
    }

    // --- sessions: SessionRepository (common) reads, session-service's SessionStore writes -------------

    /**
     * JSON {@code SessionRecord} keyed by the SHA-256 of its token. Written by session-service
     * ({@code SessionStore}); read and updated through {@code SessionRepository} by every service.
     */
    public static String sessionByTokenHash(String tokenHash) {
        return PREFIX + "session:" + tokenHash;
    }

    /**
     * The key whose writes prove one service's session tracking connection live: each connection (a UUID) writes
     * its own and waits for Redis's invalidation of it ({@code SessionTracking}, common). Kept an hour.
     */
    public static String sessionTrackingProbe(String connectionId) {
        return PREFIX + "session-probe:" + connectionId;
    }

    /** Token hash of a session id, for lookups by id (admin, notifier, gateway). Owner: as the session. */
    public static String tokenHashOfSession(String sessionId) {
        return PREFIX + "session-token:" + sessionId;
    }

    /** Set of the session ids of a company. Owner: as the session; read by the console and the notifier. */
    public static String companySessions(String companyCode) {
        return PREFIX + "idx:company:" + companyCode;
    }

    /** SCAN pattern of every session index set (company, instance, site, user); session-service's janitor. */
    public static String indexPattern() {
        return PREFIX + "idx:*";
    }

    /** Set of the session ids of one user of a company (all their phones). Owner: as the session. */
    public static String userSessions(String companyCode, String username) {
        return PREFIX + "idx:user:" + companyCode + ":" + username;
    }

    /** Set of the session ids logged in to a Connect instance; the gateway's RELOGIN and fail-back. */
    public static String instanceSessions(String instanceId) {
        return PREFIX + "idx:instance:" + instanceId;
    }

    /** Set of the session ids a mobility site serves; re-homed by a site takeover (session-service). */
    public static String siteSessions(String site) {
        return PREFIX + "idx:site:" + site;
    }

    /** Lease of the session-index sweep, so that one pod of all sites sweeps at a time (session-service). */
    public static String indexSweepLease() {
        return PREFIX + "idx-sweep";
    }

    // --- sites: session-service's SiteLiveness (common) --------------------------------------------------

    /** A site's heartbeat (value: the pod that beat last): present while the site is ready, expires a few seconds after. */
    public static String siteHeartbeat(String site) {
        return PREFIX + "site:" + site + ":heartbeat";
    }

    /** Who took over a dead site ({@code <survivor>:<epoch>}); removed when the site beats again. */
    public static String siteTakeover(String site) {
        return PREFIX + "site:" + site + ":taken-over-by";
    }

    /**
     * Which pod of the survivor carries out the takeover of a dead site ({@code <pod>/<survivor>:<epoch>}), a lease
     * renewed while it works (session-service's {@code TakeoverDuty}).
     */
    public static String siteTakeoverDuty(String site) {
        return PREFIX + "site:" + site + ":takeover-duty";
    }

    /** The fencing epoch of site takeovers, incremented by each takeover. */
    public static String siteEpoch() {
        return PREFIX + "site-epoch";
    }

    // --- logins: login-service only ---------------------------------------------------------------------

    /** A started SSO login, until it is completed once or expires ({@code PendingLogins}). */
    public static String pendingLogin(String loginId) {
        return PREFIX + "login:" + loginId;
    }

    /** Times of the recent login attempts of one client address or user, a sorted set ({@code LoginRateLimiter}). */
    public static String loginAttempts(String scope, String subject) {
        return PREFIX + "login-attempts:" + scope + ":" + subject;
    }

    /**
     * Hash binding each company's IdP accounts to Connect usernames, both ways ({@code SsoIdentities}):
     * {@code account:<issuer> <sub>} → username, {@code user:<issuer> <username>} → account.
     */
    public static String ssoIdentities(String companyCode) {
        return PREFIX + "sso-identities:" + companyCode;
    }

    /** The IdP refresh token of an SSO session, encrypted ({@code RefreshTokenVault}). */
    public static String idpRefreshToken(String sessionId) {
        return PREFIX + "idp-refresh:" + sessionId;
    }

    // --- Connect instances: ConnectInstanceStates (common); the gateway writes, the console reads ------

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

    /**
     * Hash of one token bucket of the Amazon Connect API budget ({@code tokens}, {@code at}: Redis time
     * in ms), shared by the gateway pods of both sites as Amazon Connect throttles: per AWS account,
     * Region and operation. Owner: the gateway's {@code ConnectBudget}.
     */
    public static String connectBudget(String accountId, String region, String operation) {
        return PREFIX + "connect-budget:" + accountId + ":" + region + ":" + operation;
    }

    /**
     * Lease of the one gateway pod of a site that probes a Connect instance (sparsely while all is calm, every
     * tick while it is in doubt); the pod's name. Owner: the gateway's {@code ProbeLeases}.
     */
    public static String prober(String instanceId, String site) {
        return PREFIX + "connect-prober:" + instanceId + ":" + site;
    }

    /**
     * Hash of the duty of one failover of an instance (S8's RELOGIN wave for one epoch of its shared state):
     * {@code owner} (the pod doing it), {@code leaseUntil} (Redis time in ms), {@code done} (0/1); a duty
     * whose owner's lease lapsed undone is finished by another pod. Kept a day. Owner: the gateway's
     * {@code FailoverDuties}.
     */
    public static String instanceFailoverDuty(String instanceId, long epoch) {
        return PREFIX + "connect-instance-failover:" + instanceId + ":" + epoch;
    }

    // --- agent event streams: the gateway's AgentEventReader ---------------------------------------------

    /** Lease of the one gateway pod (of all pods of both sites) that reads a Connect instance's agent event stream. */
    public static String agentEventReader(String instanceId) {
        return PREFIX + "agent-event-reader:" + instanceId;
    }

    /** The sequence number of the last agent event applied from one shard of a Kinesis stream (the reader's checkpoint). */
    public static String agentEventCheckpoint(String streamArn, String shardId) {
        return PREFIX + "agent-event-checkpoint:" + streamArn + ":" + shardId;
    }

    /**
     * Marks a Connect contact known to have ended (hung up through the app, or ended in an agent event),
     * for minutes, so that an older event still showing it in progress does not put it back on the session.
     */
    public static String endedContact(String contactId) {
        return PREFIX + "ended-contact:" + contactId;
    }

    // --- fail-backs: the gateway's FailbackStore --------------------------------------------------------

    /** Hash of a fail-back's counters ({@code notified}, {@code dropped}, {@code superseded}, …). */
    public static String failback(String failbackId) {
        return PREFIX + "failback:" + failbackId;
    }

    /** Set of the sessions a fail-back has still to tell (each is claimed by removing it, so told once). */
    public static String failbackWaiting(String failbackId) {
        return failback(failbackId) + ":waiting";
    }

    /** List of the notification ids a fail-back sent. */
    public static String failbackNotifications(String failbackId) {
        return failback(failbackId) + ":notifications";
    }

    /** Hash company → its one fail-back still waiting for agents. */
    public static String activeFailbacks() {
        return PREFIX + "failbacks:active";
    }

    /**
     * Lease of moving a Global Resiliency company's sessions between its instances, so that one gateway pod of all
     * sites moves them at a time (the watch's round and an instance's failover both start moves): renewed before each
     * agent while the move goes on. Owner: the gateway's {@code MoveLease}.
     */
    public static String agentsMove(String companyCode) {
        return PREFIX + "connect-traffic-distribution:move:" + companyCode;
    }

    /**
     * Lease of a round of the Amazon Connect Global Resiliency watch (traffic distributions read, agents moved),
     * so that one gateway pod of all sites runs it at a time. Owner: the gateway's {@code TrafficDistributionWatch}.
     */
    public static String trafficDistributionRound() {
        return PREFIX + "connect-traffic-distribution:round";
    }

    /**
     * JSON: a Global Resiliency company's latest traffic shift started by an administrator (target, waves,
     * share reached, state). Owner: the gateway's {@code TrafficShiftStore}.
     */
    public static String trafficShift(String companyCode) {
        return PREFIX + "connect-traffic-shift:" + companyCode;
    }

    /**
     * Lock of a Global Resiliency company's traffic shift while one change of it is made (an administrator's start,
     * a wave), whichever gateway pod makes it. Owner: the gateway's {@code TrafficShiftStore}.
     */
    public static String trafficShiftLock(String companyCode) {
        return PREFIX + "connect-traffic-shift-lock:" + companyCode;
    }

    /** Lease of a fail-back round, so that one gateway pod of all sites runs it at a time. */
    public static String failbackRound() {
        return PREFIX + "failbacks:round";
    }

    // --- call events: the gateway's CallEvents writes, its WebhookDelivery consumes ---------------------

    /** Stream of call events waiting for delivery to CRM webhooks. */
    public static String callEvents() {
        return PREFIX + "call-events";
    }

    /** Stream of the call events no webhook accepted. */
    public static String callEventDeadLetters() {
        return callEvents() + ":dead";
    }

    // --- notifications: NotificationPublisher (common) writes, notifier-service consumes -------------

    /**
     * Stream of pushes, one entry per target session ({@code Push}), each with the publisher's W3C
     * {@code traceparent} (and {@code tracestate}) when a span was current ({@code StreamTraceContext});
     * consumed by notifier-service.
     */
    public static String notifications() {
        return PREFIX + "notifications";
    }

    /** Stream of the pushes notifier-service gave up on. */
    public static String notificationDeadLetters() {
        return notifications() + ":dead";
    }

    /** Hash of a notification's delivery report ({@code NotificationReports}), kept a week. */
    public static String notificationReport(String notificationId) {
        return PREFIX + "notification:" + notificationId;
    }

    /**
     * Hash of a notification's target sessions ({@code NotificationReports}): session id → {@code 0} pushed,
     * {@code 1} its app acknowledged it; kept as long as the report. Written by the publisher, acknowledged
     * through notifier-service.
     */
    public static String notificationTargets(String notificationId) {
        return notificationReport(notificationId) + ":sessions";
    }

    /** List of a company's most recent notification ids, newest first. */
    public static String recentNotifications(String companyCode) {
        return PREFIX + "notifications:recent:" + companyCode;
    }

    /** Hash of a session's push devices ({@code <platform>:<token>} → JSON), notifier-service's {@code DeviceRegistry}. */
    public static String devices(String sessionId) {
        return PREFIX + "devices:" + sessionId;
    }

    // --- reachability of the agents' phones (B8): common's PhoneReachability ---------------------------

    /**
     * Hash of when a session's phone was last known reachable and what the watchdog did about its silence
     * ({@code PhoneReachability}); expires with the session. Written by session-service (check-ins) and
     * notifier-service (push acknowledgements), the watchdog's marks by connect-gateway.
     */
    public static String phoneReachability(String sessionId) {
        return PREFIX + "reachability:" + sessionId;
    }

    /** Sorted set of the watched sessions by when their phone was last known reachable (ms); the watchdog's index. */
    public static String phonesLastSeen() {
        return PREFIX + "reachability-index:seen";
    }

    /** Set of the sessions the watchdog made non-routable, until their agent chooses a status again. */
    public static String phonesMadeUnreachable() {
        return PREFIX + "reachability-index:unreachable";
    }

    /** Lease of a watchdog round, so that one gateway pod of all sites runs it at a time. */
    public static String reachabilityRound() {
        return PREFIX + "reachability-index:round";
    }

    // --- agents' offline duties: common's OfflineDuties; session-service queues, connect-gateway consumes ---

    /**
     * Stream of the agents to set Offline on Connect after a logout that could not do it ({@code OfflineDuty}),
     * consumed by connect-gateway.
     */
    public static String agentOfflineDuties() {
        return PREFIX + "agent-offline-duties";
    }

    /** Stream of the offline duties the gateway gave up on. */
    public static String agentOfflineDutyDeadLetters() {
        return agentOfflineDuties() + ":dead";
    }

    /** Set of the session ids of a company whose offline duty is still to be carried out (the console counts it). */
    public static String pendingAgentOfflineDuties(String companyCode) {
        return agentOfflineDuties() + ":pending:" + companyCode;
    }

    // --- consumed streams (call events, notifications, offline duties): common's ReliableStreamConsumer -----------------

    /**
     * Lease of the trim of a consumed stream ({@code AcknowledgedTrim}), so that one consumer of all pods of
     * both sites removes what every consumer group has acknowledged, once per period; the consumer's name.
     */
    public static String streamTrimLease(String stream) {
        return stream + ":trim-lease";
    }

    // --- operations: written by the acting service, read by the console -------------------------------

    /** Stream of a company's failovers (site takeovers, instances down and back) with their timings ({@code FailoverJournal}). */
    public static String failoverJournal(String companyCode) {
        return PREFIX + "failovers:" + companyCode;
    }

    /**
     * String claiming an administrator's action of one {@code Idempotency-Key} for a day
     * ({@code AuditedActions}): a retry of the request does not act again.
     */
    public static String adminAction(String actionId) {
        return PREFIX + "admin-action:" + actionId;
    }

    /** Stream of what a company's administrators did: who, when, what ({@code AuditLog}). */
    public static String auditLog(String companyCode) {
        return PREFIX + "audit:" + companyCode;
    }
}
