package com.mobilityha.systemtests.bench;

import com.eatthepath.pushy.apns.ApnsPushNotification;
import com.mobilityha.localstack.connect.ConnectQuotas;
import com.mobilityha.localstack.demo.GlobalResiliencyCompany;
import com.mobilityha.mobile.state.AppState;
import com.mobilityha.systemtests.drill.Phone;
import com.mobilityha.systemtests.stack.LocalStack;
import com.mobilityha.systemtests.stack.StackPorts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import static com.mobilityha.localstack.demo.GlobalResiliencyCompany.REPLICA;
import static com.mobilityha.localstack.demo.GlobalResiliencyCompany.SOURCE;

/**
 * P8 (B3): the agents of the Global Resiliency company {@code initech} sign in on its source instance with the
 * reference app and an iPhone each, over two whole sites; some of them are on a call. The source's Region dies
 * (its instance resets every connection). The gateways shift the traffic distribution group to the replica and
 * move every session there without a new sign-in (per agent SearchUsers + PutUserStatus Available on the
 * replica, off-call agents first); each app takes its WAKE and refreshes its session. Measured: the time from
 * the death until every app works on the replica (the agent then Available there), as a ratio to the
 * quota-derived bound (agents ÷ the slower of the replica Region's SearchUsers and PutUserStatus rates; the
 * group's one UpdateTrafficDistribution is negligible); the sign-ins the apps then need (goal 0); the calls
 * lost (goal: exactly those in progress). Runs on the raised-20 profile (1,000 agents at 20/s: a bound of 50 s;
 * AWS's default 2/s would make it 500 s); {@code bin/bench P8 <agents> <profile>} runs another.
 */
final class GlobalResiliencyMove {
    private static final int AGENTS = 1000;
    /** The share of the agents on a call when the Region dies. */
    private static final int ON_CALL_PERCENT = 5;
    private static final ConnectQuotas QUOTAS = new ConnectQuotas("raised-20");
    private static final List<String> MOVE_OPERATIONS = List.of("SearchUsers", "PutUserStatus");
    private static final Duration APP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MOVE_DEADLINE = Duration.ofMinutes(5);
    /** Agents signing in at once before the failure, and the simulator's reads at once after it. */
    private static final int FEW_AT_ONCE = 16;
    private static final String CUSTOMER = "+14155550177";
    private static final Pattern CALLS_LOST = Pattern.compile("mobility_calls_lost_total\\{[^}]*} ([0-9.E]+)");

    private GlobalResiliencyMove() {
    }

    static String run(String[] args) throws Exception {
        int agents = args.length >= 3 ? Integer.parseInt(args[1]) : AGENTS;
        ConnectQuotas quotas = args.length >= 3 ? new ConnectQuotas(args[2]) : QUOTAS;
        try (LocalStack stack = LocalStack.startTwoSites(StackPorts.free(), line -> System.out.println("started " + line),
                quotas)) {
            ExecutorService apps = Executors.newFixedThreadPool(agents);
            ExecutorService fewAtOnce = Executors.newFixedThreadPool(FEW_AT_ONCE);
            try {
                List<Phone> phones = AgentPhones.signIn(stack, fewAtOnce, GlobalResiliencyCompany.CODE, agents, APP_TIMEOUT);
                for (Phone phone : phones) {
                    if (!phone.app().instanceId().equals(Optional.of(SOURCE.instanceId()))) {
                        throw new IllegalStateException(phone.agent() + " signed in on " + phone.app().instanceId());
                    }
                }
                List<Phone> onCall = phones.subList(0, agents * ON_CALL_PERCENT / 100);
                for (Phone phone : onCall) {
                    phone.app().call(CUSTOMER);
                }
                double lostBefore = Metrics.gateways(stack, CALLS_LOST);
                double throttledBefore = Metrics.gateways(stack, Metrics.CONNECT_THROTTLED);
                Map<String, Double> replicaCallsBefore = replicaCalls(stack);
                int scanned = stack.apns().acceptedCount();
                long died = System.nanoTime();
                stack.faultInstance(SOURCE.instanceId(), "RESET");

                Map<String, Long> moved = follow(stack, apps, phones, scanned, died + MOVE_DEADLINE.toNanos());
                double seconds = (moved.values().stream().mapToLong(Long::longValue).max().orElse(died) - died) / 1e9;
                double first = (moved.values().stream().mapToLong(Long::longValue).min().orElse(died) - died) / 1e9;
                System.out.printf("%d apps of %d work on the replica; the last %.1f s after the source Region died%n",
                        moved.size(), agents, seconds);
                long available = AgentPhones.count(fewAtOnce, phones, phone -> "Available".equals(
                        stack.agentOnSimulator(REPLICA.instanceId(), phone.agent()).json().path("status").asText()));
                long signIns = phones.stream().filter(GlobalResiliencyMove::needsSignIn).count();
                long lost = onCall.stream().filter(phone -> phone.app().callInProgress().isEmpty()).count();
                long lostByServer = Math.round(Metrics.gateways(stack, CALLS_LOST) - lostBefore);
                Map<String, Double> replicaCalls = replicaCalls(stack);
                System.out.printf("where the time went: the first app worked on the replica %.1f s after the Region died,"
                                + " the last %.1f s; Connect calls on the replica during the move: %s (one each per agent is"
                                + " %d); 429s from Connect %d%n", first, seconds,
                        spent(replicaCallsBefore, replicaCalls), agents,
                        Math.round(Metrics.gateways(stack, Metrics.CONNECT_THROTTLED) - throttledBefore));
                double bound = agents / quotas.slowestRate(MOVE_OPERATIONS);
                return String.format("P8 ACGR move vs quota bound: x%.2f (%d agents of %s on %s quotas, two sites: %d of them"
                                + " on the replica %.1f s after the source Region died, %d Available there, bound %.1f s;"
                                + " %d sign-ins; calls lost %d of the %d in progress (the gateways counted %d), none of"
                                + " anyone else's)", seconds / bound, agents, GlobalResiliencyCompany.CODE, quotas.profile(),
                        moved.size(), seconds, available, bound, signIns, lost, onCall.size(), lostByServer);
            } finally {
                apps.shutdownNow();
                fewAtOnce.shutdownNow();
            }
        }
    }

    /**
     * Until every app works on the replica, or the deadline: one watcher reads the mock APNs server for every
     * phone and each app takes its WAKE on its own thread, as often as it needs to. When each app got there.
     */
    private static Map<String, Long> follow(LocalStack stack, ExecutorService apps, List<Phone> phones, int scanned,
                                            long deadline) throws Exception {
        Map<String, Phone> waiting = new ConcurrentHashMap<>();
        phones.forEach(phone -> waiting.put(phone.token(), phone));
        Map<String, Long> moved = new ConcurrentHashMap<>();
        List<Future<?>> reactions = new ArrayList<>();
        while (moved.size() < phones.size() && System.nanoTime() < deadline) {
            List<ApnsPushNotification> accepted = stack.apns().accepted();
            for (ApnsPushNotification push : accepted.subList(Math.min(scanned, accepted.size()), accepted.size())) {
                Phone phone = waiting.remove(push.getToken());
                if (phone != null) {
                    reactions.add(apps.submit(() -> takeWakes(phone, moved, deadline)));
                }
            }
            scanned = accepted.size();
            Thread.sleep(20);
        }
        for (Future<?> reaction : reactions) {
            reaction.get();
        }
        return moved;
    }

    /** The app handles its pushes as they come until it works on the replica; when it did. */
    private static void takeWakes(Phone phone, Map<String, Long> moved, long deadline) {
        while (System.nanoTime() < deadline) {
            if (phone.app().instanceId().equals(Optional.of(REPLICA.instanceId())) && phone.state() == AppState.ACTIVE) {
                moved.put(phone.token(), System.nanoTime());
                return;
            }
            phone.awaitPush("WAKE", Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
    }

    /** The agent has to sign in again: told so (RELOGIN), signed out, or the app asked for credentials again. */
    private static boolean needsSignIn(Phone phone) {
        return phone.credentialEntries() > 1 || phone.pushesOf("RELOGIN") > 0
                || List.of(AppState.SIGNED_OUT, AppState.RELOGIN_REQUIRED, AppState.AWAITING_CONSENT).contains(phone.state());
    }

    /** The move's operations the simulator answered on the replica instance so far, by operation. */
    private static Map<String, Double> replicaCalls(LocalStack stack) {
        Map<String, Double> calls = new TreeMap<>();
        for (String operation : MOVE_OPERATIONS) {
            calls.put(operation, Metrics.simulator(stack, Pattern.compile("simulator_requests_total\\{[^}]*instance=\""
                    + REPLICA.instanceId() + "\"[^}]*operation=\"" + operation + "\"[^}]*} ([0-9.E]+)")));
        }
        return calls;
    }

    private static String spent(Map<String, Double> before, Map<String, Double> after) {
        List<String> spent = new ArrayList<>();
        after.forEach((operation, total) -> spent.add(operation + " " + Math.round(total - before.get(operation))));
        return String.join(", ", spent);
    }
}
