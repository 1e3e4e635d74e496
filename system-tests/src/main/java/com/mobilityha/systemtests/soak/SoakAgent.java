package com.mobilityha.systemtests.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityha.mobile.MobilityClient;
import com.mobilityha.mobile.site.RaceSettings;
import com.mobilityha.mobile.state.AppState;
import com.mobilityha.systemtests.drill.Phone;
import com.mobilityha.systemtests.stack.LocalStack;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

/**
 * One agent at work through the reference app on an iPhone, as long as the soak runs: signs in (again after a
 * RELOGIN, and sometimes after a FAILBACK), changes status, places calls, takes customers' calls (the simulator
 * rings the agent) and logs out now and then. Every answer the app acts on goes to the {@link Ledger}; requests that
 * fail (the chaos) are counted and tried again later, as a user would.
 */
final class SoakAgent {
    private static final List<String> BREAKS = List.of("Lunch", "Training");
    private static final Duration WAIT_FOR_CALL = Duration.ofSeconds(8);

    private final String agent;
    private final LocalStack stack;
    private final Ledger ledger;
    private final SoakCounters counters;
    private final Random random;
    private final Consumer<String> log;
    private final Phone phone;
    private String sessionId;
    private String instanceId;
    private boolean registered;
    private boolean onBreak;
    /** The logout of the current session got no clear answer: it may have ended. */
    private boolean logoutUnanswered;

    SoakAgent(String agent, LocalStack stack, Ledger ledger, SoakCounters counters, long seed, Consumer<String> log,
              Duration appTimeout, HttpClient http) {
        this.agent = agent;
        this.stack = stack;
        this.ledger = ledger;
        this.counters = counters;
        this.random = new Random(seed);
        this.log = log;
        this.phone = Phone.iPhone(stack, agent, RaceSettings.of(appTimeout), http);
        ledger.agent(agent);
    }

    /** One turn: reacts to the pushes that came, signs in if it has to, else does one thing an agent does. */
    void turn() throws InterruptedException {
        boolean signingIn = false;
        try {
            app().handleNewPushes();
            AppState state = app().state();
            signingIn = state == AppState.SIGNED_OUT || state == AppState.RELOGIN_REQUIRED
                    || state == AppState.FAILBACK_OFFERED && random.nextInt(3) == 0;
            if (signingIn) {
                signIn();
            } else if (!registered) {
                register();
            } else if (app().callInProgress().isPresent()) {
                app().hangUp(app().callInProgress().get());
            } else if (onBreak) {
                app().setStatus("Available");
                onBreak = false;
                counters.statusChanges.incrementAndGet();
            } else {
                work();
            }
        } catch (MobilityClient.Refused refused) {
            counters.refused(refused.status());
            if (refused.status() == 401 && signingIn) {
                log.accept(agent + ": a sign-in refused (" + refused.getMessage() + ")");
            } else if (refused.status() == 401 && sessionId != null && !logoutUnanswered) {
                log.accept(agent + ": session " + sessionId + " refused (" + refused.getMessage()
                        + ") although never logged out");
                counters.endedUnasked.incrementAndGet();
                ledger.refusedUnasked(agent, sessionId);
            }
            if (refused.status() == 401 && !signingIn) {
                sessionId = null;
            }
        } catch (RuntimeException noAnswer) {
            counters.unanswered(noAnswer);
        }
    }

    /** Finishes what the agent is doing (a call, a break) before the soak stops; best effort. */
    void finish() {
        try {
            app().callInProgress().ifPresent(contact -> app().hangUp(contact));
            if (onBreak) {
                app().setStatus("Available");
            }
        } catch (RuntimeException e) {
            log.accept(agent + ": could not finish (" + e.getMessage() + ")");
        }
    }

    private void signIn() {
        counters.logins.incrementAndGet();
        JsonNode session;
        try {
            session = phone.signIn(LocalStack.COMPANY);
        } catch (RuntimeException e) {
            counters.loginsFailed.incrementAndGet();
            throw e;
        }
        sessionId = session.path("sessionId").asText();
        instanceId = session.at("/instance/instanceId").asText();
        onBreak = false;
        logoutUnanswered = false;
        ledger.acknowledged(agent, sessionId);
        if (!registered) {
            register();
        }
    }

    /** The first login registers the iPhone for pushes; the app registers it again for every later session. */
    private void register() {
        phone.registerForPushes();
        registered = true;
    }

    private void work() throws InterruptedException {
        int choice = random.nextInt(100);
        if (choice < 30) {
            app().setStatus(BREAKS.get(random.nextInt(BREAKS.size())));
            onBreak = true;
            counters.statusChanges.incrementAndGet();
        } else if (choice < 55) {
            String contactId = app().call(String.format("+1415555%04d", random.nextInt(10_000)));
            counters.outboundCalls.incrementAndGet();
            Thread.sleep(1_000 + random.nextInt(2_000));
            app().hangUp(contactId);
        } else if (choice < 80) {
            takeCustomerCall();
        } else {
            logout();
        }
    }

    /**
     * A customer calls the agent on their instance and the phone answers; the app learns of the call from its
     * WAKE (Connect's agent events), then the agent or the customer hangs up.
     */
    private void takeCustomerCall() throws InterruptedException {
        String contactId;
        try {
            contactId = stack.customerCalls(instanceId, agent);
            stack.contact(instanceId, contactId, "answer");
        } catch (RuntimeException notRoutable) {
            return; // Connect does not route to the agent now (a status, a call in progress, the instance)
        }
        counters.inboundCalls.incrementAndGet();
        long deadline = System.nanoTime() + WAIT_FOR_CALL.toNanos();
        while (!contactId.equals(app().callInProgress().orElse(null)) && System.nanoTime() < deadline) {
            Thread.sleep(300);
            if (app().handleNewPushes() == 0) {
                app().session();
            }
        }
        Thread.sleep(1_000 + random.nextInt(2_000));
        boolean seen = contactId.equals(app().callInProgress().orElse(null));
        if (seen && random.nextBoolean()) {
            app().hangUp(contactId);
            return;
        }
        if (!seen) {
            counters.inboundCallsNotSeen.incrementAndGet();
        }
        try {
            stack.contact(instanceId, contactId, "customer-hang-up");
        } catch (RuntimeException alreadyOver) {
            return;
        }
        Optional<String> stillOn = app().callInProgress();
        for (int i = 0; i < 10 && stillOn.isPresent(); i++) {
            Thread.sleep(300);
            app().session();
            stillOn = app().callInProgress();
        }
    }

    private void logout() {
        String ending = sessionId;
        try {
            app().logout();
        } catch (MobilityClient.Refused refused) {
            // a 401 too: the app's router sends the logout to the other site when the first does not answer in
            // time, and the first may have ended the session meanwhile
            ledger.unsure(agent, ending);
            logoutUnanswered = true;
            throw refused;
        } catch (RuntimeException noAnswer) {
            ledger.unsure(agent, ending);
            logoutUnanswered = true;
            throw noAnswer;
        }
        ledger.loggedOut(agent, ending);
        sessionId = null;
        counters.logouts.incrementAndGet();
    }

    private MobilityClient app() {
        return phone.app();
    }

    String name() {
        return agent;
    }

    /** The iPhone's device token, once registered for pushes; empty before. */
    Optional<String> deviceToken() {
        return registered ? Optional.of(phone.token()) : Optional.empty();
    }

    /** Signs in and registers for pushes, trying until both worked or {@code timeout} passed; whether they did. */
    boolean signInAndRegister(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!registered && System.nanoTime() < deadline) {
            try {
                if (sessionId == null) {
                    signIn();
                } else {
                    register();
                }
            } catch (RuntimeException retry) {
                Thread.sleep(1_000);
            }
        }
        return registered;
    }
}
