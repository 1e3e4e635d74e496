package com.mobilityha.systemtests.bench;

import com.mobilityha.localstack.connect.ConnectQuotas;
import com.mobilityha.localstack.demo.DemoCompany;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.mobile.MobilityClient;
import com.mobilityha.systemtests.drill.Phone;
import com.mobilityha.systemtests.stack.LocalStack;
import com.mobilityha.systemtests.stack.StackPorts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * P9 (B8): phones that go dark at once. {@value #AGENTS} agents of acme sign in with the reference app on an
 * iPhone each, through site primary, and their apps run ({@link Phone#runApp}: each checks in on the server's
 * schedule, over HTTP, through the real services); acme's phones are watched on minutes-like timings scaled to
 * seconds ({@link #WATCH}). Then the apps of every tenth phone are suspended at once (no check-in, no push
 * acknowledged); the others run on. Measured: the time from then until every dark phone's agent is
 * {@value DemoCompany#UNREACHABLE_STATUS} in the Connect simulator, as a ratio to {@code unreachable-after} (a
 * phone that checked in just before going dark is silent for that long from its last check-in, so x1.00 is the
 * goal and the watchdog's round and Connect calls add to it); agents moved whose phone kept checking in (goal
 * 0), observed for a further {@code unreachable-after}; the Connect calls the watchdog made (simulator counters)
 * against what the account's quota allowed over the same time, and the calls the gateways' budget made wait or
 * refused.
 */
final class SilentPhones {
    private static final int AGENTS = 1000;
    /** Every tenth phone goes dark. */
    private static final int DARK_EVERY = 10;
    private static final Duration CHECK_IN_EVERY = Duration.ofSeconds(10);
    private static final Duration UNREACHABLE_AFTER = Duration.ofSeconds(40);
    /**
     * acme's watch: a check-in every 10 s (a thousand phones: 100 check-ins/s on the servers' two shared cores),
     * WAKE after 20 s of silence, non-routable after 40 s.
     */
    private static final Map<String, String> WATCH = Map.of("check-in-every", CHECK_IN_EVERY.toSeconds() + "s",
            "wake-after", "20s", "unreachable-after", UNREACHABLE_AFTER.toSeconds() + "s");
    private static final Duration APP_TIMEOUT = Duration.ofSeconds(10);
    private static final int SIGN_IN_THREADS = 16;
    private static final List<String> WATCHDOG_OPERATIONS = List.of("GetCurrentUserData", "PutUserStatus");
    private static final ConnectQuotas QUOTAS = LocalStack.CONNECT_QUOTAS;
    private static final List<String> WATCHDOG_ACTIONS = List.of("woken", "made-unreachable", "skipped-on-contact",
            "skipped-not-routable", "skipped-seen-meanwhile", "skipped-on-call", "held-site-failover", "held-instance-failover", "deferred",
            "round-failed");

    private SilentPhones() {
    }

    static String run() throws Exception {
        try (LocalStack stack = LocalStack.startTwoSitesWatching(StackPorts.free(),
                line -> System.out.println("started " + line), WATCH)) {
            List<Phone> phones = signedIn(stack);
            runApps(phones);
            List<Phone> dark = new ArrayList<>();
            List<Phone> live = new ArrayList<>();
            for (int i = 0; i < phones.size(); i++) {
                (i % DARK_EVERY == 0 ? dark : live).add(phones.get(i));
            }
            Map<String, Double> callsBefore = connectCalls(stack);
            Map<String, Double> actionsBefore = watchdogActions(stack);
            double budgetBefore = Metrics.gateways(stack, heldByBudget());
            Map<Phone, Integer> failedBefore = new HashMap<>();
            live.forEach(phone -> failedBefore.put(phone, phone.checkInFailures()));
            String loadBefore = loadAverage();
            long darkAt = System.nanoTime();
            dark.forEach(Phone::suspendApp);
            Map<String, Long> moved = awaitNonRoutable(stack, dark, darkAt);
            double seconds = moved.values().stream().mapToLong(Long::longValue).max().orElse(darkAt) / 1e9 - darkAt / 1e9;
            long observed = System.nanoTime();
            Map<String, Double> calls = since(callsBefore, connectCalls(stack));
            long heldByBudget = Math.round(Metrics.gateways(stack, heldByBudget()) - budgetBefore);
            System.out.printf("where the time went: each dark phone's agent non-routable %s after the phones went dark;"
                    + " %d of %d dark phones woken first; load average %s before, %s after%n", Stats.of(moved.values().stream()
                    .map(at -> Duration.ofNanos(at - darkAt)).toList()).describe(), woken(dark), dark.size(), loadBefore,
                    loadAverage());
            // the live phones keep checking in for as long again: anybody the watchdog wrongly moves shows by then
            Poll.sleep(UNREACHABLE_AFTER.plus(CHECK_IN_EVERY).toMillis());
            List<Phone> wronglyMoved = live.stream().filter(phone -> !"Available".equals(status(stack, phone))).toList();
            long liveWoken = woken(live);
            List<Phone> failing = live.stream().filter(phone -> phone.checkInFailures() > failedBefore.get(phone)).toList();
            System.out.printf("the watchdog's actions meanwhile (both sites' gateways): %s; %d of the live phones had check-ins"
                            + " fail (%d failures, the app's %d s timeout), %d of the wrongly moved among them%n",
                    since(actionsBefore, watchdogActions(stack)), failing.size(), failing.stream()
                            .mapToInt(phone -> phone.checkInFailures() - failedBefore.get(phone)).sum(),
                    APP_TIMEOUT.toSeconds(), wronglyMoved.stream().filter(failing::contains).count());
            dark.forEach(Phone::suspendApp);
            live.forEach(Phone::suspendApp);
            double drill = (observed - darkAt) / 1e9;
            return String.format("P9 unreachable agents made non-routable: x%.2f (%d of %d agents' phones went dark at once:"
                            + " %d of them %s in Connect %.1f s after, unreachable-after %d s, check-ins every %d s,"
                            + " a watchdog round every %d s; %d wrongly moved of the %d whose phone kept checking in, %d"
                            + " of those woken; Connect calls in those %.1f s: %s; %d waited for or refused by the"
                            + " gateways' budget)",
                    seconds / UNREACHABLE_AFTER.toSeconds(), dark.size(), phones.size(), moved.size(),
                    DemoCompany.UNREACHABLE_STATUS, seconds, UNREACHABLE_AFTER.toSeconds(), CHECK_IN_EVERY.toSeconds(),
                    LocalStack.REACHABILITY_CHECK_EVERY.toSeconds(), wronglyMoved.size(), live.size(), liveWoken, drill,
                    describe(calls, drill), heldByBudget);
        }
    }

    private static List<Phone> signedIn(LocalStack stack) throws Exception {
        ExecutorService signingIn = Executors.newFixedThreadPool(SIGN_IN_THREADS);
        try {
            return AgentPhones.signIn(stack, signingIn, AGENTS, APP_TIMEOUT);
        } finally {
            signingIn.shutdownNow();
        }
    }

    /**
     * Starts the apps spread over one check-in period, as phones that signed in at different times check in at
     * different moments; returns once each has checked in and been given the period (its phone is watched).
     */
    private static void runApps(List<Phone> phones) throws InterruptedException {
        long start = System.nanoTime();
        ScheduledExecutorService starter = Executors.newSingleThreadScheduledExecutor();
        try {
            long step = CHECK_IN_EVERY.toNanos() / phones.size();
            for (int i = 0; i < phones.size(); i++) {
                starter.schedule(phones.get(i)::runApp, i * step, TimeUnit.NANOSECONDS);
            }
            // an app whose first check-in failed tries again after the app's default period
            Poll.require(() -> phones.stream().allMatch(phone -> phone.app().checkInEvery().equals(CHECK_IN_EVERY)),
                    "every app checked in", MobilityClient.DEFAULT_CHECK_IN_EVERY.multipliedBy(3));
        } finally {
            starter.shutdown();
        }
        System.out.printf("%d apps running, each checked in, in %.1f s%n", phones.size(), (System.nanoTime() - start) / 1e9);
        Thread.sleep(CHECK_IN_EVERY.toMillis());
    }

    /** When each dark phone's agent was first seen non-routable in the simulator, until all are or the deadline. */
    private static Map<String, Long> awaitNonRoutable(LocalStack stack, List<Phone> dark, long darkAt) {
        Map<String, Long> moved = new HashMap<>();
        long deadline = darkAt + UNREACHABLE_AFTER.multipliedBy(3).toNanos();
        while (moved.size() < dark.size() && System.nanoTime() < deadline) {
            for (Phone phone : dark) {
                if (!moved.containsKey(phone.agent()) && DemoCompany.UNREACHABLE_STATUS.equals(status(stack, phone))) {
                    moved.put(phone.agent(), System.nanoTime());
                }
            }
            Poll.sleep(100);
        }
        return moved;
    }

    private static String status(LocalStack stack, Phone phone) {
        return stack.agentOnSimulator(LocalStack.PRIMARY_INSTANCE, phone.agent()).json().path("status").asText();
    }

    private static long woken(List<Phone> phones) {
        return phones.stream().filter(phone -> phone.pushesOf("WAKE") > 0).count();
    }

    /** The watchdog's Connect operations the simulator answered (every outcome), by operation. */
    private static Map<String, Double> connectCalls(LocalStack stack) {
        return Metrics.byLabel(series -> Metrics.simulator(stack, series), "simulator_requests_total", "operation",
                WATCHDOG_OPERATIONS);
    }

    /** The watchdog's actions so far, by action. */
    private static Map<String, Double> watchdogActions(LocalStack stack) {
        return Metrics.byLabel(series -> Metrics.gateways(stack, series), "mobility_reachability_watchdog_total", "action",
                WATCHDOG_ACTIONS);
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.asList(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Requests of the watchdog's operations the gateways' budget made wait or refused. */
    private static Pattern heldByBudget() {
        return Pattern.compile("mobility_connect_budget_total\\{[^}]*operation=\"(?:"
                + String.join("|", WATCHDOG_OPERATIONS) + ")\"[^}]*outcome=\"(?:waited|refused)\"[^}]*} ([0-9.E]+)");
    }

    private static Map<String, Double> since(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> calls = new TreeMap<>();
        after.forEach((operation, total) -> calls.put(operation, total - before.getOrDefault(operation, 0.0)));
        return calls;
    }

    private static String describe(Map<String, Double> calls, double seconds) {
        List<String> parts = new ArrayList<>();
        for (String operation : WATCHDOG_OPERATIONS) {
            double used = calls.get(operation);
            parts.add(String.format("%s %.0f (%.2f %% of the %.0f/s quota)", operation, used,
                    used / (QUOTAS.rate(operation) * seconds) * 100, QUOTAS.rate(operation)));
        }
        return String.join(", ", parts);
    }
}
