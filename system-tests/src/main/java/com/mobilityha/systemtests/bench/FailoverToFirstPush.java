package com.mobilityha.systemtests.bench;

import com.eatthepath.pushy.apns.ApnsPushNotification;
import com.mobilityha.localstack.connect.ConnectQuotas;
import com.mobilityha.mobile.state.AppState;
import com.mobilityha.systemtests.drill.Phone;
import com.mobilityha.systemtests.stack.LocalStack;
import com.mobilityha.systemtests.stack.StackPorts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * P2 on the device side, over both sites: {@value #AGENTS} agents sign in through site primary with
 * the reference app, each with a registered iPhone (mock APNs). The primary site is killed (SIGKILL of
 * its four services, its ingress gone): measured are the first and the last WAKE on a phone, then
 * every app reacts as it would (refreshes its session, through site secondary) and the phones that
 * would have to sign in again are counted (goal 0). Then the primary Connect instance dies: the first
 * and the last RELOGIN on a phone. Amazon Connect enforces AWS's default API quotas (profile
 * {@code aws-default}): the agents' sign-ins are paced by the account's budget (about 2 a second), the
 * pushes are not.
 */
final class FailoverToFirstPush {
    private static final int AGENTS = 1000;
    private static final int THREADS = 8;
    private static final Duration APP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration GIVE_UP = Duration.ofSeconds(60);
    private static final ConnectQuotas QUOTAS = ConnectQuotas.AWS_DEFAULT;

    private FailoverToFirstPush() {
    }

    static String run() throws Exception {
        try (LocalStack stack = LocalStack.startTwoSites(StackPorts.free(), line -> System.out.println("started " + line),
                QUOTAS)) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Phone> phones = AgentPhones.signIn(stack, pool, AGENTS, APP_TIMEOUT);
                int before = stack.apns().acceptedCount();
                long killed = System.nanoTime();
                stack.site("primary").kill();
                Arrivals wakes = Arrivals.await(stack, phones, "WAKE", killed, before);
                System.out.println("site primary killed: " + wakes);
                long reacting = System.nanoTime();
                long reLogins = AgentPhones.count(pool, phones, phone -> !reactedWithoutSigningIn(phone));
                System.out.printf("every app refreshed through site secondary in %.2f s; %d would sign in again%n",
                        (System.nanoTime() - reacting) / 1e9, reLogins);

                before = stack.apns().acceptedCount();
                long died = System.nanoTime();
                stack.faultInstance(LocalStack.PRIMARY_INSTANCE, "RESET");
                Arrivals relogins = Arrivals.await(stack, phones, "RELOGIN", died, before);
                System.out.println("primary instance died: " + relogins);
                return String.format("P2 failure -> push on the phone (%d phones, two sites, Connect quotas %s): site death -> WAKE first "
                                + "%.2f s, all %.2f s (%d reached), re-logins %d; instance death -> RELOGIN first %.2f s, "
                                + "all %.2f s (%d reached)", AGENTS, QUOTAS.profile(), wakes.first(), wakes.last(), wakes.reached(), reLogins,
                        relogins.first(), relogins.last(), relogins.reached());
            } finally {
                pool.shutdownNow();
            }
        }
    }


    /** The app took the WAKE, refreshed through site secondary and is working on the same session. */
    private static boolean reactedWithoutSigningIn(Phone phone) {
        return phone.awaitPush("WAKE", GIVE_UP) && phone.state() == AppState.ACTIVE && phone.credentialEntries() == 1
                && "secondary".equals(phone.app().session().path("site").asText());
    }

    /** When pushes of one kind reached the phones, from the failure on (seconds). */
    private record Arrivals(double first, double last, int reached) {

        /**
         * Watches the mock APNs server until every phone has a push of {@code kind}, or until {@link #GIVE_UP};
         * {@code scanned}: the pushes it had accepted before the failure.
         */
        static Arrivals await(LocalStack stack, List<Phone> phones, String kind, long failedAt, int scanned)
                throws InterruptedException {
            Set<String> tokens = phones.stream().map(Phone::token).collect(Collectors.toSet());
            Map<String, Long> arrived = new HashMap<>();
            long deadline = failedAt + GIVE_UP.toNanos();
            while (arrived.size() < tokens.size() && System.nanoTime() < deadline) {
                List<ApnsPushNotification> accepted = stack.apns().accepted();
                long now = System.nanoTime();
                for (ApnsPushNotification push : accepted.subList(Math.min(scanned, accepted.size()), accepted.size())) {
                    if (tokens.contains(push.getToken()) && push.getPayload().contains("\"kind\":\"" + kind + "\"")) {
                        arrived.putIfAbsent(push.getToken(), now);
                    }
                }
                scanned = accepted.size();
                Thread.sleep(5);
            }
            double first = arrived.values().stream().mapToLong(Long::longValue).min().orElse(deadline);
            double last = arrived.values().stream().mapToLong(Long::longValue).max().orElse(deadline);
            return new Arrivals((first - failedAt) / 1e9, (last - failedAt) / 1e9, arrived.size());
        }

        @Override
        public String toString() {
            return String.format("first push on a phone after %.2f s, last after %.2f s, %d phones reached", first, last,
                    reached);
        }
    }
}
