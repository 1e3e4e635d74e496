package com.mobilityha.systemtests.bench;

import com.mobilityha.systemtests.app.AppClient;
import com.mobilityha.systemtests.app.Http.Answer;
import com.mobilityha.systemtests.stack.LocalStack;
import com.mobilityha.systemtests.stack.SessionSites;
import com.mobilityha.systemtests.stack.StackPorts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * P2. Instance half: agents logged in on the primary Connect instance with a registered iPhone;
 * the instance dies (connections reset); measured on the device side (mock APNs) is the time from
 * the death to the first and to the last RELOGIN push. Site half: the primary site's
 * session-service is killed (SIGKILL) under its sessions; measured is the time until the
 * survivor has queued a WAKE push for every one of them (server side: the two-site demo with
 * devices comes with the drills).
 */
final class InstanceFailoverTiming {
    private static final int AGENTS = 200;
    private static final Duration GIVE_UP = Duration.ofSeconds(30);
    /** Long enough for the survivor to be allowed to take over (it must have beaten one heartbeat TTL). */
    private static final long SITE_SETTLE_MILLIS = 4_000;

    private InstanceFailoverTiming() {
    }

    static String run() throws InterruptedException {
        String instanceHalf = instanceHalf();
        String siteHalf = siteHalf();
        return "P2 failure -> first push: " + instanceHalf + "; " + siteHalf;
    }

    private static String siteHalf() throws InterruptedException {
        try (SessionSites sites = SessionSites.start(line -> System.out.println("started " + line))) {
            for (int i = 0; i < AGENTS; i++) {
                Answer created = sites.createSession("primary", "agent" + i);
                if (created.status() != 201) {
                    throw new IllegalStateException("session " + i + ": " + created.summary());
                }
            }
            Thread.sleep(SITE_SETTLE_MILLIS);
            long killed = System.nanoTime();
            sites.site("primary").kill();
            long deadline = killed + GIVE_UP.toNanos();
            long first = -1;
            while (System.nanoTime() < deadline) {
                long queued = sites.queuedPushes();
                if (queued > 0 && first < 0) {
                    first = System.nanoTime();
                }
                if (queued >= AGENTS) {
                    double all = (System.nanoTime() - killed) / 1e9;
                    System.out.printf("site primary killed: first WAKE queued after %.2f s, all %d after %.2f s%n",
                            (first - killed) / 1e9, AGENTS, all);
                    return String.format("site death -> WAKE queued for all %d sessions %.2f s (heartbeat TTL 3 s, "
                            + "checked every 1 s)", AGENTS, all);
                }
                Thread.sleep(10);
            }
            return "site death -> WAKE: not all queued within " + GIVE_UP.toSeconds() + " s";
        }
    }

    private static String instanceHalf() throws InterruptedException {
        try (LocalStack stack = LocalStack.start(StackPorts.free(), line -> System.out.println("started " + line))) {
            List<String> devices = new ArrayList<>();
            for (int i = 1; i <= AGENTS; i++) {
                AppClient app = stack.newApp();
                String username = String.format("agent%04d", i);
                Answer login = app.login(LocalStack.COMPANY, username, LocalStack.PASSWORD);
                if (login.status() != 201) {
                    throw new IllegalStateException("login of " + username + ": " + login.summary());
                }
                String device = stack.apns().newDeviceToken();
                app.registerApnsDevice(device, LocalStack.APP_ID);
                devices.add(device);
            }
            System.out.printf("%d agents logged in on the primary instance, each with a registered iPhone%n", AGENTS);

            long killed = System.nanoTime();
            stack.faultInstance(LocalStack.PRIMARY_INSTANCE, "RESET");
            List<Long> receivedAt = new ArrayList<>();
            long deadline = killed + GIVE_UP.toNanos();
            List<String> pending = new ArrayList<>(devices);
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                for (String device : List.copyOf(pending)) {
                    boolean relogin = stack.apns().receivedBy(device).stream()
                            .anyMatch(n -> n.getPayload().contains("\"kind\":\"RELOGIN\""));
                    if (relogin) {
                        pending.remove(device);
                        receivedAt.add(System.nanoTime());
                    }
                }
                Thread.sleep(10);
            }
            if (receivedAt.isEmpty()) {
                return "instance death -> RELOGIN: no device was told within " + GIVE_UP.toSeconds() + " s";
            }
            double first = (receivedAt.stream().mapToLong(Long::longValue).min().orElseThrow() - killed) / 1e9;
            double last = (receivedAt.stream().mapToLong(Long::longValue).max().orElseThrow() - killed) / 1e9;
            System.out.printf("first RELOGIN on a device after %.2f s, last after %.2f s, %d of %d devices told%n",
                    first, last, receivedAt.size(), AGENTS);
            return String.format("instance death -> RELOGIN on the device: first %.2f s, all %d devices %.2f s "
                            + "(goal <= 3 s; probe every 1 s, DOWN after 2 failed probes; %d never told)",
                    first, receivedAt.size(), last, pending.size());
        }
    }
}
