package com.mobilityha.gateway.health;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Measures how responsive this JVM is, the way jHiccup does: a daemon thread asks to sleep
 * {@value #TICK_MILLIS} ms again and again and records by how much each wake-up was late. A late
 * wake-up is a time when no thread of this process could run on time (a CPU limit, a busy node, a
 * GC pause, a frozen process). Probes ask it how long the JVM stood still while they waited: a probe
 * that timed out while the JVM stood still says nothing about Amazon Connect. Started with the
 * application (a singleton, so no proxy starts a second meter).
 */
@Startup
@Singleton
public class JvmPauses {
    private static final long TICK_MILLIS = 10;
    /** Pauses shorter than this are scheduling noise, not recorded. */
    private static final long NOTABLE_NANOS = Duration.ofMillis(20).toNanos();
    private static final int KEPT = 128;

    /** Ring of notable pauses: where each ended (System.nanoTime) and how long it lasted. */
    private final long[] endedAt = new long[KEPT];
    private final long[] lasted = new long[KEPT];
    private int next;
    private Thread meter;

    @PostConstruct
    void start() {
        meter = new Thread(this::measure, "jvm-pause-meter");
        meter.setDaemon(true);
        meter.start();
    }

    /**
     * How long this JVM stood still in all between two {@link System#nanoTime()} readings: the parts
     * of its notable pauses that fall inside the interval, summed (many short stalls, as a CPU limit
     * makes them, add up).
     */
    public synchronized Duration pausedBetween(long startNanos, long endNanos) {
        long paused = 0;
        for (int i = 0; i < KEPT; i++) {
            long from = Math.max(endedAt[i] - lasted[i], startNanos);
            long to = Math.min(endedAt[i], endNanos);
            if (lasted[i] > 0 && to > from) {
                paused += to - from;
            }
        }
        return Duration.ofNanos(paused);
    }

    @PreDestroy
    void stop() {
        meter.interrupt();
    }

    private void measure() {
        long tick = Duration.ofMillis(TICK_MILLIS).toNanos();
        while (!Thread.currentThread().isInterrupted()) {
            long before = System.nanoTime();
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long after = System.nanoTime();
            long late = after - before - tick;
            if (late >= NOTABLE_NANOS) {
                record(after, late);
            }
        }
    }

    private synchronized void record(long end, long length) {
        endedAt[next] = end;
        lasted[next] = length;
        next = (next + 1) % KEPT;
    }
}
