package com.mobilityha.systemtests.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Percentiles of a set of measured durations. */
public final class Stats {
    private final List<Long> nanos;

    private Stats(List<Long> nanos) {
        this.nanos = nanos;
    }

    public static Stats of(List<Duration> samples) {
        List<Long> sorted = new ArrayList<>(samples.stream().map(Duration::toNanos).toList());
        Collections.sort(sorted);
        return new Stats(sorted);
    }

    /** The q-quantile (0..1) in milliseconds, nearest-rank. */
    public double percentileMillis(double q) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * nanos.size());
        return nanos.get(Math.max(0, Math.min(nanos.size() - 1, rank - 1))) / 1e6;
    }

    public String describe() {
        return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)", percentileMillis(0.5),
                percentileMillis(0.99), percentileMillis(1.0), nanos.size());
    }
}
