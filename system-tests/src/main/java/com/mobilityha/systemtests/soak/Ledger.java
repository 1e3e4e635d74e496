package com.mobilityha.systemtests.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the servers told the apps and the administrator during a soak, which the {@link InvariantChecker} holds
 * them to: the session each agent was given (201) and has not logged out, the sessions logged out (204), and the
 * notifications accepted (202) with the phones they were for, and the sessions refused with 401 that were never
 * logged out. A session whose logout got no clear answer is neither live nor logged out: nobody can say what it
 * should be.
 */
final class Ledger {
    private final Set<String> agents = ConcurrentHashMap.newKeySet();
    private final Map<String, String> liveSessionOf = new ConcurrentHashMap<>();
    private final Set<String> loggedOut = ConcurrentHashMap.newKeySet();
    private final Map<String, String> refusedUnasked = new ConcurrentHashMap<>();
    private final List<AcceptedNotification> notifications = new CopyOnWriteArrayList<>();

    /** A notification the notifier accepted (202), and each recipient agent's iPhone device token. */
    record AcceptedNotification(String notificationId, Map<String, String> tokensByAgent) {
    }

    /** An agent whose Connect status the checker looks at. */
    void agent(String agent) {
        agents.add(agent);
    }

    /** A login answered 201 with this session: from now on it must exist and be usable until its logout. */
    void acknowledged(String agent, String sessionId) {
        agents.add(agent);
        liveSessionOf.put(agent, sessionId);
    }

    /** The logout of the agent's session answered 204: it must stay ended. */
    void loggedOut(String agent, String sessionId) {
        liveSessionOf.remove(agent, sessionId);
        loggedOut.add(sessionId);
    }

    /**
     * A request with the agent's session was refused with 401 although it was never logged out: the app has lost
     * it, whatever Redis holds, even once the agent signs in again.
     */
    void refusedUnasked(String agent, String sessionId) {
        refusedUnasked.put(sessionId, agent);
    }

    /** The logout of the agent's session got no clear answer: it may or may not have ended. */
    void unsure(String agent, String sessionId) {
        liveSessionOf.remove(agent, sessionId);
    }

    void notificationAccepted(String notificationId, Map<String, String> tokensByAgent) {
        notifications.add(new AcceptedNotification(notificationId, Map.copyOf(tokensByAgent)));
    }

    List<String> agents() {
        return agents.stream().sorted().toList();
    }

    /** Agent → the session they were last given and have not logged out. */
    Map<String, String> liveSessions() {
        return Map.copyOf(liveSessionOf);
    }

    /** Session → agent, of the sessions refused with 401 that were never logged out. */
    Map<String, String> refusedUnaskedSessions() {
        return Map.copyOf(refusedUnasked);
    }

    Set<String> loggedOutSessions() {
        return Set.copyOf(loggedOut);
    }

    List<AcceptedNotification> notifications() {
        return new ArrayList<>(notifications);
    }
}
