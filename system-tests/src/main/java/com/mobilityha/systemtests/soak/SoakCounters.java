package com.mobilityha.systemtests.soak;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** What the agents and the administrator did during a soak, and how often the servers could not serve them. */
final class SoakCounters {
    final AtomicInteger logins = new AtomicInteger();
    final AtomicInteger loginsFailed = new AtomicInteger();
    final AtomicInteger logouts = new AtomicInteger();
    final AtomicInteger statusChanges = new AtomicInteger();
    final AtomicInteger outboundCalls = new AtomicInteger();
    final AtomicInteger inboundCalls = new AtomicInteger();
    /** Customers' calls the app never saw on its session before the customer hung up. */
    final AtomicInteger inboundCallsNotSeen = new AtomicInteger();
    /** Requests no site answered (within the app's timeout, on either site). */
    final AtomicInteger unanswered = new AtomicInteger();
    /** Sessions refused with 401 that the app never logged out. */
    final AtomicInteger endedUnasked = new AtomicInteger();
    final AtomicInteger notificationsAccepted = new AtomicInteger();
    final AtomicInteger notificationsNotAccepted = new AtomicInteger();
    private final Map<Integer, AtomicInteger> refusedByStatus = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> unansweredBy = new ConcurrentHashMap<>();

    void refused(int status) {
        refusedByStatus.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
    }

    /** A request no site answered, and why (the exception's message, without its numbers). */
    void unanswered(RuntimeException why) {
        unanswered.incrementAndGet();
        String cause = why.getCause() == null ? why.toString() : why.getMessage() + ": " + why.getCause();
        unansweredBy.computeIfAbsent(cause.replaceAll("\\d+", "N"), c -> new AtomicInteger()).incrementAndGet();
    }

    /** The causes of unanswered requests, the most frequent first, each with its count. */
    String unansweredCauses() {
        return unansweredBy.entrySet().stream().sorted((a, b) -> b.getValue().get() - a.getValue().get()).limit(5)
                .map(entry -> entry.getValue().get() + " × " + entry.getKey()).reduce((a, b) -> a + "; " + b).orElse("none");
    }

    /** One line of every figure. */
    String describe() {
        Map<Integer, Integer> refused = new TreeMap<>();
        refusedByStatus.forEach((status, count) -> refused.put(status, count.get()));
        return String.format("%d logins (%d failed), %d logouts, %d status changes, %d calls placed, %d customers' "
                        + "calls (%d not seen by the app), %d notifications accepted (%d not), requests refused by "
                        + "status %s, %d unanswered, %d sessions refused (401) unasked", logins.get(), loginsFailed.get(),
                logouts.get(), statusChanges.get(), outboundCalls.get(), inboundCalls.get(), inboundCallsNotSeen.get(),
                notificationsAccepted.get(), notificationsNotAccepted.get(), refused, unanswered.get(),
                endedUnasked.get());
    }
}
