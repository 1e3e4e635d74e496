package com.mobilityha.systemtests.soak;

import com.mobilityha.common.ops.AuditedActions;
import com.mobilityha.systemtests.app.Http;
import com.mobilityha.systemtests.stack.LocalStack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The company's administrator during a soak: every 6–12 s a MESSAGE to the listening agents (who stay signed in
 * with their iPhones registered), sent to site primary and, when it does not accept it, with the same
 * {@code Idempotency-Key} to site secondary. Each notification answered 202 goes to the {@link Ledger} with the
 * phones it is for.
 */
final class AdminNotifications implements Runnable {
    private final LocalStack stack;
    private final Ledger ledger;
    private final SoakCounters counters;
    private final Map<String, String> listeners;
    private final Random random;
    private final Http http = new Http(Duration.ofSeconds(10));
    private volatile boolean running = true;

    /** {@code listeners}: the listening agents' iPhone device tokens, by agent. */
    AdminNotifications(LocalStack stack, Ledger ledger, SoakCounters counters, Map<String, String> listeners, long seed) {
        this.stack = stack;
        this.ledger = ledger;
        this.counters = counters;
        this.listeners = Map.copyOf(listeners);
        this.random = new Random(seed);
    }

    @Override
    public void run() {
        try {
            while (running) {
                Thread.sleep(6_000 + random.nextInt(6_001));
                send();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void stop() {
        running = false;
    }

    private void send() {
        Map<String, Object> body = Map.of("companyCode", LocalStack.COMPANY,
                "audience", Map.of("type", "USERS", "usernames", new ArrayList<>(listeners.keySet())),
                "kind", "MESSAGE", "message", "Soak message " + (counters.notificationsAccepted.get() + 1));
        Map<String, String> headers = Map.of("Authorization", "Bearer " + stack.adminToken(LocalStack.COMPANY),
                AuditedActions.IDEMPOTENCY_KEY, UUID.randomUUID().toString());
        for (String site : List.of("primary", "secondary")) {
            try {
                Http.Answer answer = http.send("POST", stack.site(site).url() + "/api/v1/admin/notifications", body,
                        headers);
                if (answer.status() == 202) {
                    ledger.notificationAccepted(answer.json().path("notificationId").asText(), listeners);
                    counters.notificationsAccepted.incrementAndGet();
                    return;
                }
            } catch (RuntimeException noAnswer) {
                // the other site, with the same key
            }
        }
        counters.notificationsNotAccepted.incrementAndGet();
    }
}
