package com.mobilityha.gateway.bench;

import com.mobilityha.gateway.connect.ConnectCalls;
import com.mobilityha.gateway.connect.ConnectClients;
import com.mobilityha.gateway.testing.AdminIdentityResource;
import com.mobilityha.gateway.testing.ConnectSimulatorResource;
import com.mobilityha.gateway.testing.CrmWebhookResource;
import com.mobilityha.localstack.quarkustest.RedisServerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import static com.mobilityha.localstack.demo.DemoCompany.PRIMARY;


/**
 * P6 ({@code bin/bench P6}; skipped in normal test runs): the gateway's fault-tolerance path
 * (instance guard: bulkhead, circuit breaker, read retry) around a DescribeInstance call vs the
 * same SDK client calling the same simulator directly, interleaved in one run, sequentially
 * (latency) and from 8 threads (throughput).
 */
@QuarkusTest
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(ConnectSimulatorResource.class)
@QuarkusTestResource(AdminIdentityResource.class)
@QuarkusTestResource(CrmWebhookResource.class)
@EnabledIfSystemProperty(named = "bench", matches = "P6")
class ConnectPathBench {
    private static final int CALLS_PER_ROUND = 1_000;
    private static final int ROUNDS = 6;
    private static final int THREADS = 8;

    @Inject
    ConnectClients clients;

    @Inject
    ConnectCalls calls;

    @Test
    void faultTolerancePathVersusDirectSdkCall() throws Exception {
        Supplier<Object> direct = () -> clients.of(PRIMARY).describeInstance(r -> r.instanceId(PRIMARY.instanceId()));
        Supplier<Object> guarded = () -> calls.read(PRIMARY, "DescribeInstance", direct);
        sequential(direct, CALLS_PER_ROUND);
        sequential(guarded, CALLS_PER_ROUND);

        List<Long> directNanos = new ArrayList<>();
        List<Long> guardedNanos = new ArrayList<>();
        long directTotal = 0;
        long guardedTotal = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long[] d = sequential(direct, CALLS_PER_ROUND);
            long[] g = sequential(guarded, CALLS_PER_ROUND);
            directTotal += Arrays.stream(d).sum();
            guardedTotal += Arrays.stream(g).sum();
            Arrays.stream(d).forEach(directNanos::add);
            Arrays.stream(g).forEach(guardedNanos::add);
        }
        double directBefore = concurrent(direct);
        double guardedRate = concurrent(guarded);
        double directRate = (directBefore + concurrent(direct)) / 2;

        double latencyRatio = guardedTotal / (double) directTotal;
        String table = String.format("%-22s %10s %10s %10s %14s%n", "path", "calls", "p50 ms", "p99 ms", "8 threads/s")
                + String.format("%-22s %10d %10.3f %10.3f %14.0f%n", "direct SDK", directNanos.size(),
                percentile(directNanos, 0.50), percentile(directNanos, 0.99), directRate)
                + String.format("%-22s %10d %10.3f %10.3f %14.0f%n", "gateway guard + SDK", guardedNanos.size(),
                percentile(guardedNanos, 0.50), percentile(guardedNanos, 0.99), guardedRate);
        String last = String.format("P6 gateway fault-tolerance path vs direct SDK call: x%.3f time per call "
                        + "(p50 %.3f vs %.3f ms, p99 %.3f vs %.3f ms; 8 threads %.0f vs %.0f calls/s = x%.3f; goal <= 1.1x)",
                latencyRatio, percentile(guardedNanos, 0.50), percentile(directNanos, 0.50),
                percentile(guardedNanos, 0.99), percentile(directNanos, 0.99), guardedRate, directRate,
                directRate / guardedRate);
        System.out.println(table + last);
        write(table + last + System.lineSeparator());
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

    private static void write(String text) throws IOException {
        Path out = Path.of("target", "bench", "P6.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text);
    }
}
