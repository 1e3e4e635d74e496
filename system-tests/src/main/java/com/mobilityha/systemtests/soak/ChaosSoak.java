package com.mobilityha.systemtests.soak;

import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.mobile.site.SiteRouter;
import com.mobilityha.systemtests.drill.Timeline;
import com.mobilityha.systemtests.stack.LocalStack;
import com.mobilityha.systemtests.stack.StackPorts;

import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * R6, the chaos soak: over both sites (Redis master, replica and Sentinels; the Connect simulator; mock APNs),
 * {@value #AGENTS} agents work through the reference app ({@link SoakAgent}) and the administrator sends messages
 * to {@value #LISTENERS} more who stay signed in ({@link AdminNotifications}), while {@link Chaos} kills and
 * restarts a random part every 20–40 s. Then everything is running and healthy again, the apps stop, the stack
 * settles, and the {@link InvariantChecker} holds it to what the apps were told. {@code bin/bench R6 [duration
 * [seed]]}: duration like {@code 10m} (the default), {@code 90s} or {@code 1h}; the seed repeats the run's choices.
 */
public final class ChaosSoak {
    static final int AGENTS = 200;
    static final int LISTENERS = 5;
    /**
     * Apps at work at the same moment (the others think): as P2 signs in 8 at a time, so that the machine running
     * both sites, not a flood of connections, sets the pace.
     */
    static final int AT_ONCE = 8;
    private static final Duration DEFAULT_DURATION = Duration.ofMinutes(10);
    private static final Duration APP_TIMEOUT = Duration.ofSeconds(10);
    /** At least this long at rest before checking: a dead notifier's pending pushes are claimed after 30 s. */
    private static final Duration SETTLE_AT_LEAST = Duration.ofSeconds(45);
    private static final Duration SETTLE_AT_MOST = Duration.ofMinutes(3);
    private static final Pattern DURATION = Pattern.compile("(\\d+)([hms])");

    private final LocalStack stack;
    private final long seed;
    private final Duration duration;
    private final Timeline timeline = new Timeline(System.out);
    private final Ledger ledger = new Ledger();
    private final SoakCounters counters = new SoakCounters();
    private final Semaphore appsAtWork = new Semaphore(AT_ONCE);
    private volatile boolean working = true;

    private ChaosSoak(LocalStack stack, long seed, Duration duration) {
        this.stack = stack;
        this.seed = seed;
        this.duration = duration;
    }

    /** {@code args}: {@code R6 [duration [seed]]}; the last line of the run. */
    public static String run(String[] args) throws InterruptedException {
        Duration duration = args.length > 1 ? parse(args[1]) : DEFAULT_DURATION;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : new SecureRandom().nextLong();
        System.out.printf("R6 chaos soak: %d agents and %d listeners, %s of chaos, seed %d (bin/bench R6 %s %d repeats "
                + "its choices)%n", AGENTS, LISTENERS, minutes(duration), seed, args.length > 1 ? args[1] : "10m", seed);
        try (LocalStack stack = LocalStack.startTwoSites(StackPorts.free(), line -> System.out.println("started " + line))) {
            return new ChaosSoak(stack, seed, duration).soak();
        }
    }

    private String soak() throws InterruptedException {
        Random seeds = new Random(seed);
        long chaosSeed = seeds.nextLong();
        HttpClient http = SiteRouter.newHttpClient(APP_TIMEOUT);
        Map<String, String> listenerTokens = new LinkedHashMap<>();
        for (int i = 1; i <= LISTENERS; i++) {
            SoakAgent listener = new SoakAgent(agentName(i), stack, ledger, counters, seeds.nextLong(),
                    this::note, APP_TIMEOUT, http);
            if (!listener.signInAndRegister(Duration.ofSeconds(60))) {
                throw new IllegalStateException(listener.name() + " could not sign in with an iPhone");
            }
            listenerTokens.put(listener.name(), listener.deviceToken().orElseThrow());
        }
        List<Thread> threads = new ArrayList<>();
        for (int i = LISTENERS + 1; i <= LISTENERS + AGENTS; i++) {
            SoakAgent agent = new SoakAgent(agentName(i), stack, ledger, counters, seeds.nextLong(), this::note,
                    APP_TIMEOUT, http);
            long agentSeed = seeds.nextLong();
            threads.add(start(agent.name(), () -> work(agent, new Random(agentSeed))));
        }
        AdminNotifications admin = new AdminNotifications(stack, ledger, counters, listenerTokens, seeds.nextLong());
        Thread adminThread = start("admin", admin);
        Thread progress = start("progress", this::reportProgress);
        timeline.note("%d agents at work, the administrator messaging %d listeners; chaos for %s, seed %d", AGENTS,
                LISTENERS, minutes(duration), seed);
        Chaos chaos = new Chaos(stack, chaosSeed, timeline);
        chaos.run(System.nanoTime() + duration.toNanos());
        long chaosOver = System.nanoTime();
        timeline.note("chaos over after %d events (%s); every part runs; the apps finish what they do", chaos.count(),
                chaos.describe());
        working = false;
        admin.stop();
        progress.interrupt();
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        adminThread.join(30_000);
        settle(chaosOver);
        InvariantChecker.Findings findings = new InvariantChecker(stack).check(ledger);
        return report(findings, chaos);
    }

    /** An agent's turns, at most {@link #AT_ONCE} apps at work at once, 2–6 s between an agent's turns. */
    private void work(SoakAgent agent, Random random) {
        try {
            Thread.sleep(random.nextInt(30_000));
            while (working) {
                appsAtWork.acquire();
                try {
                    agent.turn();
                } finally {
                    appsAtWork.release();
                }
                Thread.sleep(2_000 + random.nextInt(4_000));
            }
            agent.finish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until both sites reach both Connect instances, no site is taken over, and every consumer group has
     * delivered and acknowledged every entry; at least {@link #SETTLE_AT_LEAST} after the chaos.
     */
    private void settle(long chaosOver) {
        long deadline = System.nanoTime() + SETTLE_AT_MOST.toNanos();
        for (String instance : List.of(LocalStack.PRIMARY_INSTANCE, LocalStack.SECONDARY_INSTANCE)) {
            if (!stack.awaitEverySiteReaches(instance, remaining(deadline))) {
                timeline.note("not every site reaches Connect instance %s", instance);
            }
        }
        for (String site : List.of("primary", "secondary")) {
            if (!Poll.until(() -> stack.onRedis("GET", RedisKeys.siteTakeover(site)).isBlank(), remaining(deadline))) {
                timeline.note("site %s is still taken over", site);
            }
        }
        InvariantChecker checker = new InvariantChecker(stack);
        if (!Poll.until(checker::streamsAtRest, remaining(deadline))) {
            timeline.note("the streams still have entries to deliver");
        }
        long atLeast = chaosOver + SETTLE_AT_LEAST.toNanos() - System.nanoTime();
        if (atLeast > 0) {
            Poll.sleep(atLeast / 1_000_000);
        }
        timeline.note("settled: every site reaches both instances, no takeover, streams delivered; checking invariants");
    }

    private String report(InvariantChecker.Findings findings, Chaos chaos) {
        System.out.println();
        findings.violations().forEach(violation -> System.out.printf("VIOLATION %s: %s%n",
                violation.invariant().description(), violation.detail()));
        System.out.printf("what the apps did: %s%n", counters.describe());
        System.out.printf("unanswered requests, by cause: %s%n", counters.unansweredCauses());
        System.out.printf("Redis at rest: %d session records (%d usable), streams %s%n", findings.storedSessions(),
                findings.usableSessions(), findings.streamLengths());
        stack.redisRefusals().forEach(refusal -> System.out.println("Redis ACL refusal: " + refusal));
        return String.format("R6 invariant violations: %d (%s; %d agents and %d listeners: %d logins, %d logouts, "
                        + "%d calls placed, %d customers' calls, %d notifications accepted; %d chaos events: %s; "
                        + "%s of chaos; seed %d)", findings.violations().size(), findings.countsPerInvariant(), AGENTS,
                LISTENERS, counters.logins.get(), counters.logouts.get(), counters.outboundCalls.get(),
                counters.inboundCalls.get(), counters.notificationsAccepted.get(), chaos.count(), chaos.describe(),
                minutes(duration), seed);
    }

    private void reportProgress() {
        try {
            while (working) {
                Thread.sleep(60_000);
                timeline.note("%s; unanswered: %s", counters.describe(), counters.unansweredCauses());
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private void note(String line) {
        timeline.note("%s", line);
    }

    private static Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String agentName(int n) {
        return String.format("agent%04d", n);
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    static Duration parse(String text) {
        Matcher part = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        Duration duration = Duration.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            long amount = Long.parseLong(part.group(1));
            duration = duration.plus(switch (part.group(2)) {
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            });
            end = part.end();
        }
        if (end == 0 || end != text.length()) {
            throw new IllegalArgumentException("a duration like 10m, 90s, 1h or 2m30s, not " + text);
        }
        return duration;
    }

    private static String minutes(Duration duration) {
        return String.format("%dm%02ds", duration.toMinutes(), duration.toSecondsPart());
    }
}
