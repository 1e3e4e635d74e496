package com.mobilityha.systemtests.soak;

import com.mobilityha.localstack.process.Poll;
import com.mobilityha.localstack.redis.RedisSentinelSet;
import com.mobilityha.systemtests.drill.Timeline;
import com.mobilityha.systemtests.kube.Pod;
import com.mobilityha.systemtests.stack.LocalStack;
import com.mobilityha.systemtests.stack.Site;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The soak's scheduler of failures: every 20–40 s (from the start of the previous one) it picks, with its seeded
 * randomness, a part of the stack to kill and restarts it after a while: a whole site, one service of a site, a
 * Connect instance (a simulator fault), the Redis master (the Sentinels fail over; it comes back as a replica) or
 * the notifier of both sites. One failure at a time; each is on the timeline when it happens and when it is over.
 */
final class Chaos {
    private static final List<String> SITES = List.of("primary", "secondary");
    private static final List<String> INSTANCES = List.of(LocalStack.PRIMARY_INSTANCE, LocalStack.SECONDARY_INSTANCE);
    private static final List<String> CONNECT_FAULTS = List.of("RESET", "ERROR_500", "HANG");
    private static final Duration REDIS_WAIT = Duration.ofSeconds(60);
    private static final Duration READY_AGAIN = Duration.ofMinutes(3);

    /** What a chaos event kills. */
    enum Part { SITE, SERVICE, CONNECT_INSTANCE, REDIS_MASTER, NOTIFIER }

    private final LocalStack stack;
    private final Random random;
    private final Timeline timeline;
    private final Map<Part, Integer> events = new EnumMap<>(Part.class);

    Chaos(LocalStack stack, long seed, Timeline timeline) {
        this.stack = stack;
        this.random = new Random(seed);
        this.timeline = timeline;
    }

    /**
     * Strikes until {@code deadline} (a {@link System#nanoTime()} reading); the last failure is repaired before it
     * returns.
     */
    void run(long deadline) throws InterruptedException {
        long next = System.nanoTime() + between();
        while (next < deadline) {
            sleepUntil(next);
            if (System.nanoTime() >= deadline) {
                return; // the previous failure took its repair past the end
            }
            long started = System.nanoTime();
            strike(Part.values()[random.nextInt(Part.values().length)]);
            next = started + between();
        }
        sleepUntil(deadline);
    }

    /** How many events there were. */
    int count() {
        return events.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** "site 2, service 3, …" */
    String describe() {
        return Arrays.stream(Part.values()).map(part -> part.name().toLowerCase().replace('_', ' ') + " "
                + events.getOrDefault(part, 0)).collect(Collectors.joining(", "));
    }

    private void strike(Part part) throws InterruptedException {
        int event = count() + 1;
        events.merge(part, 1, Integer::sum);
        String name = "chaos #" + event + ": ";
        switch (part) {
            case SITE -> {
                String role = pick(SITES);
                stack.site(role).kill();
                note(name + "site " + role + " killed (SIGKILL of its services, its ingress gone)");
                hold(5, 15);
                long restarting = System.nanoTime();
                restart(name + "site " + role, () -> stack.site(role).restart(line -> { }), role);
                note(String.format("%ssite %s restarted (ready in %.1f s)", name, role, seconds(restarting)));
            }
            case SERVICE -> {
                String role = pick(SITES);
                String module = pick(Site.SERVICES);
                stack.site(role).killService(module);
                note(name + module + " of site " + role + " killed (SIGKILL)");
                hold(5, 15);
                long restarting = System.nanoTime();
                restart(name + module + " of site " + role, () -> stack.site(role).restartService(module, line -> { }), role);
                note(String.format("%s%s of site %s restarted (ready in %.1f s)", name, module, role, seconds(restarting)));
            }
            case CONNECT_INSTANCE -> {
                String instance = pick(INSTANCES);
                String fault = pick(CONNECT_FAULTS);
                stack.faultInstance(instance, fault);
                note(name + "Connect instance " + role(instance) + " fails (" + fault + ")");
                hold(10, 20);
                stack.faultInstance(instance, "HEALTHY");
                note(name + "Connect instance " + role(instance) + " healthy again");
            }
            case REDIS_MASTER -> {
                RedisSentinelSet redis = stack.redisSentinels();
                redis.awaitReplicaInSync(REDIS_WAIT);
                int old = redis.masterPort();
                long killed = System.nanoTime();
                int promoted = redis.killMasterAndAwaitFailover(REDIS_WAIT);
                note(String.format("%sRedis master :%d killed (SIGKILL); the Sentinels promoted :%d in %.1f s", name, old,
                        promoted, seconds(killed)));
                redis.restartOldMaster(old);
                redis.awaitReplicaInSync(REDIS_WAIT);
                note(name + "Redis :" + old + " back as a replica of :" + promoted + ", in sync");
            }
            case NOTIFIER -> {
                SITES.forEach(role -> stack.site(role).killService("notifier-service"));
                note(name + "notifier-service of both sites killed (SIGKILL): no pushes go out");
                hold(5, 15);
                long restarting = System.nanoTime();
                for (String role : SITES) {
                    restart(name + "notifier-service of site " + role,
                            () -> stack.site(role).restartService("notifier-service", line -> { }), role);
                }
                note(String.format("%snotifier-service of both sites restarted (ready in %.1f s)", name, seconds(restarting)));
            }
            default -> throw new IllegalStateException("unknown part " + part);
        }
    }

    /**
     * Restarts a killed part of a site. On a loaded machine a replica's kubelet may restart it before it is first
     * ready (its startup probe failed), which the start reports as the process exiting: then the kubelet's
     * restarts have until {@link #READY_AGAIN} to bring every replica of the site in.
     */
    private void restart(String what, Runnable restart, String role) {
        try {
            restart.run();
        } catch (RuntimeException e) {
            note(what + ": " + e.getMessage().lines().findFirst().orElse("") + "; its kubelet restarts it");
            if (!Poll.until(() -> siteReady(role), READY_AGAIN)) {
                throw new IllegalStateException(what + " not ready again within " + READY_AGAIN, e);
            }
        }
    }

    private boolean siteReady(String role) {
        return Site.SERVICES.stream().map(module -> stack.site(role).deployment(module).pods())
                .allMatch(pods -> !pods.isEmpty() && pods.stream().allMatch(Pod::isReady));
    }

    private long between() {
        return Duration.ofSeconds(20 + random.nextInt(21)).toNanos();
    }

    private void hold(int fromSeconds, int toSeconds) throws InterruptedException {
        Thread.sleep(Duration.ofSeconds(fromSeconds + random.nextInt(toSeconds - fromSeconds + 1)).toMillis());
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private void note(String line) {
        timeline.note("%s", line);
    }

    private static String role(String instanceId) {
        return instanceId.equals(LocalStack.PRIMARY_INSTANCE) ? "primary" : "secondary";
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void sleepUntil(long deadline) throws InterruptedException {
        long left = deadline - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }
}
