package com.mobilityha.systemtests.bench;

import com.eatthepath.pushy.apns.ApnsPushNotification;
import com.mobilityha.localstack.connect.ConnectQuotas;
import com.mobilityha.localstack.demo.DemoCompany;
import com.mobilityha.localstack.demo.GlobalResiliencyCompany;
import com.mobilityha.systemtests.drill.Phone;
import com.mobilityha.systemtests.stack.LocalStack;
import com.mobilityha.systemtests.stack.StackPorts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * P7 (B9): a RELOGIN wave under Amazon Connect's quotas. Agents sign in on the primary instance with the
 * reference app and an iPhone each; the primary instance dies. Each app takes its RELOGIN, signs in
 * again in its slot of the wave and honours any 429's Retry-After. Measured: the time from
 * the instance's death until every agent is Available on the secondary (the new login answered), as a
 * ratio to the quota-derived bound (agents ÷ the slowest login operation's quota rate: a login calls
 * SearchUsers, UpdateUserPhoneConfig and PutUserStatus, 2/s each on AWS's defaults); the 429s Connect
 * itself gave the gateways; logins the apps saw fail (goal 0); before the failure, the probes' share of
 * DescribeInstance's quota at rest (goal under 10 %). Runs on AWS's default quotas
 * ({@value #DEFAULT_QUOTA_AGENTS} agents: the bound alone is {@value #DEFAULT_QUOTA_AGENTS}/2 s) and on
 * a raised profile (1,000 agents at 20/s), each on a fresh stack; {@code bin/bench P7 <agents> <profile>} runs one.
 */
final class ReloginWave {
    private static final int DEFAULT_QUOTA_AGENTS = 200;
    private static final int RAISED_AGENTS = 1000;
    /**
     * A raised profile (20/s, burst 40) rather than the local stack's 100/s: both sites on one 2-core machine
     * serve about 30 logins/s, so a faster quota would measure the machine, not the wave's pacing.
     */
    private static final ConnectQuotas RAISED = new ConnectQuotas("raised-20");
    private static final List<String> LOGIN_OPERATIONS = List.of("SearchUsers", "UpdateUserPhoneConfig", "PutUserStatus");
    private static final Duration APP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PUSH_DEADLINE = Duration.ofMinutes(2);
    /** Agents signing in at once before the failure (the wave's apps each wait for their moment on their own thread). */
    private static final int SIGN_IN_THREADS = 16;
    /**
     * Every DescribeInstance call the simulator answered for an instance of the primary's Region (the quota is the
     * Region's): the primary and Global Resiliency's source, which the stack's gateways probe as well.
     */
    private static final Pattern PROBES = Pattern.compile("simulator_requests_total\\{[^}]*instance=\"(?:"
            + Pattern.quote(DemoCompany.PRIMARY.instanceId()) + "|"
            + Pattern.quote(GlobalResiliencyCompany.SOURCE.instanceId())
            + ")\"[^}]*operation=\"DescribeInstance\"[^}]*} ([0-9.E]+)");
    /** How long the probes are counted at rest, before the failure. */
    private static final Duration AT_REST = Duration.ofSeconds(30);
    private static final Pattern REFUSED = Pattern.compile(
            "mobility_connect_budget_total\\{[^}]*outcome=\"refused\"[^}]*priority=\"agent\"[^}]*} ([0-9.E]+)");

    private ReloginWave() {
    }

    static String run(String[] args) throws Exception {
        if (args.length >= 3) {
            return wave(Integer.parseInt(args[1]), new ConnectQuotas(args[2])).line();
        }
        Result raised = wave(RAISED_AGENTS, RAISED);
        System.out.println(raised.line());
        Result defaults = wave(DEFAULT_QUOTA_AGENTS, ConnectQuotas.AWS_DEFAULT);
        System.out.println(defaults.line());
        return String.format("P7 relogin wave vs quota bound: x%.2f (%s, %d failed logins; %s, %d failed logins; Connect 429s"
                        + " %d and %d; probes at rest %.1f %% and %.1f %% of DescribeInstance's quota)",
                Math.max(raised.ratio(), defaults.ratio()), raised.summary(), raised.failed(),
                defaults.summary(), defaults.failed(), raised.connectThrottled(), defaults.connectThrottled(),
                raised.probeShare() * 100, defaults.probeShare() * 100);
    }

    private static Result wave(int agents, ConnectQuotas quotas) throws Exception {
        try (LocalStack stack = LocalStack.startTwoSites(StackPorts.free(), line -> System.out.println("started " + line),
                quotas)) {
            ExecutorService phones = Executors.newFixedThreadPool(agents);
            ExecutorService signingIn = Executors.newFixedThreadPool(SIGN_IN_THREADS);
            try {
                List<Phone> signedIn = AgentPhones.signIn(stack, signingIn, agents, APP_TIMEOUT);
                double probeShare = probeShareAtRest(stack, quotas);
                double throttledBefore = Metrics.gateways(stack, Metrics.CONNECT_THROTTLED);
                double refusedBefore = Metrics.gateways(stack, REFUSED);
                AtomicInteger failed = new AtomicInteger();
                Map<String, Long> back = new ConcurrentHashMap<>();
                Map<String, Long> turns = new ConcurrentHashMap<>();
                Map<String, Long> taken = new ConcurrentHashMap<>();
                List<Duration> logins = Collections.synchronizedList(new ArrayList<>());
                int scanned = stack.apns().acceptedCount();
                long died = System.nanoTime();
                stack.faultInstance(LocalStack.PRIMARY_INSTANCE, "RESET");
                List<Future<?>> relogins = new ArrayList<>();
                Map<String, Phone> waiting = new HashMap<>();
                signedIn.forEach(phone -> waiting.put(phone.token(), phone));
                long deadline = died + PUSH_DEADLINE.toNanos();
                while (!waiting.isEmpty() && System.nanoTime() < deadline) {
                    // one watcher reads the mock APNs server for every phone; each app reacts on its own thread
                    List<ApnsPushNotification> accepted = stack.apns().accepted();
                    for (ApnsPushNotification push : accepted.subList(Math.min(scanned, accepted.size()), accepted.size())) {
                        Phone phone = push.getPayload().contains("\"kind\":\"RELOGIN\"") ? waiting.remove(push.getToken()) : null;
                        if (phone != null) {
                            relogins.add(phones.submit(() -> signInAgain(phone, back, taken, turns, logins, failed)));
                        }
                    }
                    scanned = accepted.size();
                    Thread.sleep(20);
                }
                failed.addAndGet(waiting.size());
                for (Future<?> relogin : relogins) {
                    relogin.get();
                }
                double seconds = latest(back, died);
                System.out.printf("where the time went: the last RELOGIN was taken %.1f s after the instance died"
                                + " (detection, the push), the last app's turn came at %.1f s (its slot in the wave's"
                                + " window); the logins took %s from their turn%n", latest(taken, died), latest(turns, died),
                        Stats.of(logins).describe());
                return new Result(agents, quotas, seconds, failed.get(), probeShare,
                        (long) (Metrics.gateways(stack, Metrics.CONNECT_THROTTLED) - throttledBefore),
                        (long) (Metrics.gateways(stack, REFUSED) - refusedBefore));
            } finally {
                phones.shutdownNow();
                signingIn.shutdownNow();
            }
        }
    }


    /**
     * The app takes its RELOGIN and signs in again in its slot, on the secondary; notes when its turn came
     * and how long the login took from then.
     */
    private static void signInAgain(Phone phone, Map<String, Long> back, Map<String, Long> taken, Map<String, Long> turns,
                                    List<Duration> logins, AtomicInteger failed) {
        try {
            if (!phone.awaitPush("RELOGIN", APP_TIMEOUT)) {
                throw new IllegalStateException("the app did not take its RELOGIN");
            }
            taken.put(phone.token(), System.nanoTime());
            long turn = System.nanoTime() + phone.app().signInWait().toNanos();
            String instance = phone.signIn(LocalStack.COMPANY).at("/instance/role").asText();
            if (!"secondary".equals(instance)) {
                throw new IllegalStateException("signed in again on " + instance);
            }
            long done = System.nanoTime();
            back.put(phone.token(), done);
            turns.put(phone.token(), turn);
            logins.add(Duration.ofNanos(done - turn));
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            System.out.println("relogin failed: " + e.getMessage());
        }
    }

    private static double latest(Map<String, Long> times, long since) {
        return (times.values().stream().mapToLong(Long::longValue).max().orElse(since) - since) / 1e9;
    }

    /** DescribeInstance calls per second at rest (every pod of both sites) as a share of its quota in the Region. */
    private static double probeShareAtRest(LocalStack stack, ConnectQuotas quotas) throws InterruptedException {
        double before = Metrics.simulator(stack, PROBES);
        Thread.sleep(AT_REST.toMillis());
        return (Metrics.simulator(stack, PROBES) - before) / AT_REST.toSeconds() / quotas.rate("DescribeInstance");
    }

    /** One wave's figures. */
    private record Result(int agents, ConnectQuotas quotas, double seconds, int failed, double probeShare,
                          long connectThrottled, long refusedToApps) {
        /** Agents ÷ the slowest login operation's quota rate (the quota, not the gateway's headroom). */
        double bound() {
            return agents / quotas.slowestRate(LOGIN_OPERATIONS);
        }

        double ratio() {
            return seconds / bound();
        }

        String summary() {
            return String.format("%d agents on %s quotas: all Available on the secondary %.1f s after the instance died,"
                    + " bound %.1f s", agents, quotas.profile(), seconds, bound());
        }

        String line() {
            return String.format("%s: x%.2f; %d failed logins; during the wave 429s from Connect %d, 429s (Retry-After)"
                    + " to apps %d; probes at rest %.1f %% of DescribeInstance's quota",
                    summary(), ratio(), failed, connectThrottled, refusedToApps, probeShare * 100);
        }
    }
}
