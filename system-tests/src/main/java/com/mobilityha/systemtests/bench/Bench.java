package com.mobilityha.systemtests.bench;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** Entry point of {@code bin/bench <ID>}. */
public final class Bench {
    private static final Map<String, Callable<String>> BENCHMARKS = Map.of(
            "P1", PushFanOut::p1,
            "P2", FailoverToFirstPush::run,
            "P3", AuthenticatedRequestCost::run,
            "P4", LoginLatency::run,
            "P5", StartupFootprint::run,
            "R1", RedisFailoverWrites::run,
            "R2", PushFanOut::r2,
            "R3", BadInputFuzz::run);

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String id = args.length == 0 ? "" : args[0].toUpperCase(Locale.ROOT);
        Callable<String> benchmark = id.equals("P7") ? () -> ReloginWave.run(args) : BENCHMARKS.get(id);
        if (benchmark == null) {
            System.err.println("usage: bin/bench <ID>; implemented: " + BENCHMARKS.keySet() + " and P7 [agents profile]");
            System.exit(2);
        }
        String lastLine = benchmark.call();
        System.out.println(lastLine);
        System.exit(0);
    }
}
