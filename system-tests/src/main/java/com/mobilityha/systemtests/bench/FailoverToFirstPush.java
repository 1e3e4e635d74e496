package com.mobilityha.systemtests.bench;

import com.eatthepath.pushy.apns.ApnsPushNotification;
import com.mobilityha.localstack.connect.ConnectQuotas;
import com.mobilityha.mobile.state.AppState;
import com.mobilityha.systemtests.drill.Phone;
import com.mobilityha.systemtests.stack.LocalStack;
import com.mobilityha.systemtests.stack.StackPorts;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * P2 on the device side, over both sites: agents ({@value #DEFAULT_AGENTS} unless told) sign in through site
 * primary with the reference app, each with a registered iPhone (mock APNs). The primary site is killed
 * (SIGKILL of its four services, its ingress gone): measured are the first and the last WAKE on a phone;
 * each app reacts as its WAKE arrives (refreshes its session, through site secondary), competing with the
 * fan-out, and the phones that would have to sign in again are counted (goal 0). Then the primary Connect
 * instance dies: the first and the last RELOGIN on a phone. {@code bin/bench P2 [agents [profile [apps-wait]]]}: the
 * Connect quota profile is {@code raised} unless told: an account of ten thousand agents has raised its
 * quotas (on AWS's defaults, 2 logins a second, their sign-ins alone would take 83 minutes).
 */
final class FailoverToFirstPush {
    private static final int DEFAULT_AGENTS = 10_000;
    private static final ConnectQuotas DEFAULT_QUOTAS = ConnectQuotas.RAISED;
    /** Apps at work at once (sign-ins before the failure, refreshes after it): both sites serve ~30 logins/s here. */
    private static final int THREADS = 16;
    /** Long: the first of ten thousand sign-ins meet JVMs just started on a machine often at load 20–30. */
    private static final Duration APP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration GIVE_UP = Duration.ofSeconds(120);
    /**
     * {@code bin/bench P2 <agents> <profile> apps-wait}: the apps react only once every phone had its WAKE, so that
     * the takeover and the fan-out are measured without the apps' refreshes competing with them.
     */
    private static final String APPS_WAIT = "apps-wait";

    private FailoverToFirstPush() {
    }

    static String run(String[] args) throws Exception {
        int agents = args.length >= 2 ? Integer.parseInt(args[1]) : DEFAULT_AGENTS;
        ConnectQuotas quotas = args.length >= 3 ? new ConnectQuotas(args[2]) : DEFAULT_QUOTAS;
        boolean appsWaitForAllWakes = args.length >= 4 && APPS_WAIT.equals(args[3]);
        try (LocalStack stack = LocalStack.startTwoSitesForPushLoad(StackPorts.free(),
                line -> System.out.println("started " + line), quotas)) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Phone> phones = AgentPhones.signIn(stack, pool, agents, APP_TIMEOUT);
                int before = stack.apns().acceptedCount();
                LocalTime killedAt = LocalTime.now();
                long killed = System.nanoTime();
                stack.site("primary").kill();
                List<Callable<Boolean>> woken = new ArrayList<>();
                List<Future<Boolean>> reactions = new ArrayList<>();
                Arrivals wakes = Arrivals.await(stack, phones, "WAKE", killed, before,
                        phone -> {
                            int credentialEntries = phone.credentialEntries();
                            Callable<Boolean> reaction = () -> reactedWithoutSigningIn(phone, credentialEntries);
                            if (appsWaitForAllWakes) {
                                woken.add(reaction);
                            } else {
                                reactions.add(pool.submit(reaction));
                            }
                        });
                woken.forEach(reaction -> reactions.add(pool.submit(reaction)));
                System.out.println("site primary killed: " + wakes + (appsWaitForAllWakes ? " (apps held until then)" : ""));
                System.out.println("  " + FailoverLog.takeover(stack.site("secondary").service("session-service").log(), killedAt));
                long reLogins = phones.size() - reactions.size();
                for (Future<Boolean> reaction : reactions) {
                    reLogins += reaction.get() ? 0 : 1;
                }
                System.out.printf("every app woken refreshed through site secondary by %.2f s after the death; %d would"
                        + " sign in again%n", (System.nanoTime() - killed) / 1e9, reLogins);

                before = stack.apns().acceptedCount();
                LocalTime faultedAt = LocalTime.now();
                long died = System.nanoTime();
                stack.faultInstance(LocalStack.PRIMARY_INSTANCE, "RESET");
                Arrivals relogins = Arrivals.await(stack, phones, "RELOGIN", died, before, phone -> { });
                System.out.println("primary instance died: " + relogins);
                System.out.println("  " + FailoverLog.reloginWave(stack.site("secondary").service("connect-gateway").log(), faultedAt));
                return String.format("P2 failure -> push on the phone (%d phones, two sites, Connect quotas %s): site death -> WAKE first "
                                + "%.2f s, all %.2f s (%d reached), re-logins %d; instance death -> RELOGIN first %.2f s, "
                                + "all %.2f s (%d reached)", agents, quotas.profile(), wakes.first(), wakes.last(), wakes.reached(),
                        reLogins, relogins.first(), relogins.last(), relogins.reached());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * The app took the WAKE, refreshed through site secondary and is working on the same session: the agent has
     * typed no password since the failure ({@code credentialEntries} before it).
     */
    private static boolean reactedWithoutSigningIn(Phone phone, int credentialEntries) {
        return phone.awaitPush("WAKE", GIVE_UP) && phone.state() == AppState.ACTIVE
                && phone.credentialEntries() == credentialEntries
                && "secondary".equals(phone.sessionServedBy("secondary", GIVE_UP).path("site").asText());
    }

    /** When pushes of one kind reached the phones, from the failure on (seconds). */
    private record Arrivals(double first, double last, int reached) {

        /**
         * Watches the mock APNs server until every phone has a push of {@code kind}, or until {@link #GIVE_UP};
         * {@code scanned}: the pushes it had accepted before the failure. {@code arrived} is told of each phone
         * as its first push of the kind arrives (on this watcher's thread: it must not block).
         */
        static Arrivals await(LocalStack stack, List<Phone> phones, String kind, long failedAt, int scanned,
                              Consumer<Phone> arrived) throws InterruptedException {
            Map<String, Phone> waiting = phones.stream().collect(Collectors.toMap(Phone::token, phone -> phone));
            Map<String, Long> arrivals = new HashMap<>();
            long deadline = failedAt + GIVE_UP.toNanos();
            while (!waiting.isEmpty() && System.nanoTime() < deadline) {
                List<ApnsPushNotification> accepted = stack.apns().accepted();
                long now = System.nanoTime();
                for (ApnsPushNotification push : accepted.subList(Math.min(scanned, accepted.size()), accepted.size())) {
                    Phone phone = push.getPayload().contains("\"kind\":\"" + kind + "\"") ? waiting.remove(push.getToken()) : null;
                    if (phone != null) {
                        arrivals.put(phone.token(), now);
                        arrived.accept(phone);
                    }
                }
                scanned = accepted.size();
                Thread.sleep(5);
            }
            double first = arrivals.values().stream().mapToLong(Long::longValue).min().orElse(deadline);
            double last = arrivals.values().stream().mapToLong(Long::longValue).max().orElse(deadline);
            return new Arrivals((first - failedAt) / 1e9, (last - failedAt) / 1e9, arrivals.size());
        }

        @Override
        public String toString() {
            return String.format("first push on a phone after %.2f s, last after %.2f s, %d phones reached", first, last,
                    reached);
        }
    }
}
