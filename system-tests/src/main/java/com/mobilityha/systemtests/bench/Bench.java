package com.mobilityha.systemtests.bench;

import com.mobilityha.systemtests.soak.ChaosSoak;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** Entry point of {@code bin/bench <ID>}. */
public final class Bench {
    private static final Map<String, Callable<String>> BENCHMARKS = Map.of(
            "P1", PushFanOut::p1,
            "P3", AuthenticatedRequestCost::run,
            "P4", LoginLatency::run,
            "P5", StartupFootprint::run,
            "P9", SilentPhones::run,
            "R1", RedisFailoverWrites::run,
            "R2", PushFanOut::r2,
            "R3", BadInputFuzz::run);

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String id = args.length == 0 ? "" : args[0].toUpperCase(Locale.ROOT);
        Callable<String> benchmark = switch (id) {
            case "P2" -> () -> FailoverToFirstPush.run(args);
            case "P7" -> () -> ReloginWave.run(args);
            case "P8" -> () -> GlobalResiliencyMove.run(args);
            case "R6" -> () -> ChaosSoak.run(args);
            default -> BENCHMARKS.get(id);
        };
        if (benchmark == null) {
            System.err.println("usage: bin/bench <ID>; implemented: " + BENCHMARKS.keySet()
                    + ", P2 [agents [profile [apps-wait]]], P7 [agents profile], P8 [agents profile] and R6 [duration [seed]]");
            System.exit(2);
        }
        try {
            System.out.println(benchmark.call());
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1); // the stack's own threads would keep the JVM alive
        }
        System.exit(0);
    }
}
