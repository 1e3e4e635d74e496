package com.mobilityha.gateway.bench;

import com.mobilityha.gateway.connect.ConnectCalls;
import com.mobilityha.gateway.connect.ConnectClients;
import com.mobilityha.gateway.testing.OnQuotaProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import static com.mobilityha.localstack.demo.DemoCompany.PRIMARY;

/**
 * P6 ({@code bin/bench P6}; skipped in normal test runs): an agent's read through the gateway
 * ({@link ConnectCalls#read}) around a DescribeInstance call vs the same SDK client calling the same
 * simulator directly, interleaved in one run, sequentially (latency) and from 8 threads (throughput);
 * each ratio is the median of six rounds, each round the two paths one after the other (from 8 threads
 * in alternating order).
 * Two halves, each its own Quarkus run: {@link FaultTolerancePathBench} with the Connect API budget
 * off (the instance guard alone: bulkhead, circuit breaker, read retry), {@link BudgetedPathBench}
 * with it (one Redis round trip per call for the account-wide token). Quotas are the
 * {@code unmetered} profile: what is measured is the gateway's own cost, not Connect's pacing. The
 * half that finishes second writes P6's line.
 */
abstract class ConnectPathBench {
    private static final int CALLS_PER_ROUND = 1_000;
    private static final int ROUNDS = 6;
    private static final int THREADS = 8;
    private static final double GOAL = 1.05;
    private static final Path OUT = Path.of("target", "bench");

    @Inject
    ConnectClients clients;

    @Inject
    ConnectCalls calls;

    /** Quotas no account has, on both sides, so that no call of the benchmark waits for a token. */
    public static class Unmetered extends OnQuotaProfile {
        public Unmetered() {
            super("unmetered");
        }
    }

    /** This half's name in the figures' file. */
    abstract String half();

    /** Calls per round of the path around a call that does nothing: its own cost, without the network's noise. */
    int noOpCallsPerRound() {
        return 200_000;
    }

    @Test
    void gatewayPathVersusDirectSdkCall() throws Exception {
        Supplier<Object> direct = () -> clients.of(PRIMARY).describeInstance(r -> r.instanceId(PRIMARY.instanceId()));
        Supplier<Object> gateway = () -> calls.read(PRIMARY, "DescribeInstance", direct);
        sequential(direct, CALLS_PER_ROUND);
        sequential(gateway, CALLS_PER_ROUND);

        List<Long> directNanos = new ArrayList<>();
        List<Long> gatewayNanos = new ArrayList<>();
        List<Double> sequentialRatios = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Both<long[]> nanos = inTurn(round, () -> sequential(direct, CALLS_PER_ROUND),
                    () -> sequential(gateway, CALLS_PER_ROUND));
            sequentialRatios.add((double) Arrays.stream(nanos.gateway()).sum() / Arrays.stream(nanos.direct()).sum());
            Arrays.stream(nanos.direct()).forEach(directNanos::add);
            Arrays.stream(nanos.gateway()).forEach(gatewayNanos::add);
        }
        List<Double> directRates = new ArrayList<>();
        List<Double> gatewayRates = new ArrayList<>();
        List<Double> concurrentRatios = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Both<Double> rates = inTurn(round, () -> concurrent(direct), () -> concurrent(gateway));
            directRates.add(rates.direct());
            gatewayRates.add(rates.gateway());
            concurrentRatios.add(rates.direct() / rates.gateway());
        }

        Supplier<Object> noOp = () -> Boolean.TRUE;
        Supplier<Object> guardedNoOp = () -> calls.read(PRIMARY, "DescribeInstance", noOp);
        List<Double> ownCostNanos = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            ownCostNanos.add((double) (Arrays.stream(sequential(guardedNoOp, noOpCallsPerRound())).sum()
                    - Arrays.stream(sequential(noOp, noOpCallsPerRound())).sum()) / noOpCallsPerRound());
        }

        double sequentialRatio = median(sequentialRatios);
        double concurrentRatio = median(concurrentRatios);
        double gatewayRate = median(gatewayRates);
        double directRate = median(directRates);
        double extraMicros = (sum(gatewayNanos) - sum(directNanos)) / gatewayNanos.size() / 1e3;
        String figures = String.format("%s x%.3f (medians of %d rounds): sequential x%.3f (p50 %.3f vs %.3f ms, p99 %.3f vs %.3f ms, "
                        + "%+.0f us per call), %d threads x%.3f (%.0f vs %.0f calls/s); its own cost around a call "
                        + "that does nothing %.1f us",
                half(), Math.max(sequentialRatio, concurrentRatio), ROUNDS, sequentialRatio, percentile(gatewayNanos, 0.50),
                percentile(directNanos, 0.50), percentile(gatewayNanos, 0.99), percentile(directNanos, 0.99),
                extraMicros, THREADS, concurrentRatio, gatewayRate, directRate, median(ownCostNanos) / 1e3);
        System.out.println(figures);
        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve("P6-" + half() + ".txt"), figures);
        writeLineOnceBothHalvesRan();
    }

    private static void writeLineOnceBothHalvesRan() throws IOException {
        Path guard = OUT.resolve("P6-" + FaultTolerancePathBench.HALF + ".txt");
        Path budgeted = OUT.resolve("P6-" + BudgetedPathBench.HALF + ".txt");
        if (!Files.exists(guard) || !Files.exists(budgeted)) {
            return;
        }
        String guardFigures = Files.readString(guard);
        String worse = guardFigures.substring(guardFigures.indexOf(" x") + 1, guardFigures.indexOf(':'));
        Files.writeString(OUT.resolve("P6.txt"), String.format(
                "P6 gateway fault-tolerance path vs direct SDK call: %s, the worse of sequential and concurrent "
                        + "(goal <= %.2fx) (%s; %s)%n", worse, GOAL, guardFigures, Files.readString(budgeted)));
    }

    /** One round's figure of each path. */
    private record Both<T>(T direct, T gateway) {
    }

    /**
     * Both paths measured one after the other, which goes first alternating by round, so that neither always pays
     * for the other's garbage or a drift of the machine.
     */
    private static <T> Both<T> inTurn(int round, Callable<T> direct, Callable<T> gateway) throws Exception {
        if (round % 2 == 0) {
            T first = direct.call();
            return new Both<>(first, gateway.call());
        }
        T first = gateway.call();
        return new Both<>(direct.call(), first);
    }

    /** The median of the rounds' figures: one round disturbed by the machine (a GC, another process) does not decide. */
    private static double median(List<Double> rounds) {
        List<Double> sorted = rounds.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static double sum(List<Long> nanos) {
        return nanos.stream().mapToLong(Long::longValue).sum();
    }

    private static long[] sequential(Supplier<Object> call, int count) {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            call.get();
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    private static double concurrent(Supplier<Object> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            long start = System.nanoTime();
            List<Future<long[]>> work = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                work.add(pool.submit(() -> sequential(call, CALLS_PER_ROUND)));
            }
            for (Future<long[]> f : work) {
                f.get();
            }
            return THREADS * CALLS_PER_ROUND / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    private static double percentile(List<Long> nanos, double q) {
        List<Long> sorted = nanos.stream().sorted().toList();
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size()))) / 1e6;
    }
}
