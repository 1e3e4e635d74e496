package com.mobilityha.gateway.health;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Measures how responsive this JVM is, the way jHiccup does: a daemon thread asks to sleep
 * {@value #TICK_MILLIS} ms again and again and records by how much each wake-up was late. A late
 * wake-up is a time when no thread of this process could run on time (a CPU limit, a busy node, a
 * GC pause, a frozen process). Probes ask it whether their own wait overlapped such a pause: a probe
 * that timed out while the JVM stood still says nothing about Amazon Connect.
 */
@ApplicationScoped
public class JvmPauses {
    private static final long TICK_MILLIS = 10;
    /** Pauses shorter than this are scheduling noise, not recorded. */
    private static final long NOTABLE_NANOS = Duration.ofMillis(20).toNanos();
    private static final int KEPT = 64;

    /** Ring of notable pauses: where each ended (System.nanoTime) and how long it lasted. */
    private final AtomicLongArray endedAt = new AtomicLongArray(KEPT);
    private final AtomicLongArray lasted = new AtomicLongArray(KEPT);
    private int next;
    private final Thread meter;

    JvmPauses() {
        meter = new Thread(this::measure, "jvm-pause-meter");
        meter.setDaemon(true);
        meter.start();
    }

    /** The longest pause of this JVM that overlapped the interval between two {@link System#nanoTime()} readings. */
    public Duration longestBetween(long startNanos, long endNanos) {
        long longest = 0;
        for (int i = 0; i < KEPT; i++) {
            long end = endedAt.get(i);
            long length = lasted.get(i);
            if (length > 0 && end - length <= endNanos && end >= startNanos) {
                longest = Math.max(longest, length);
            }
        }
        return Duration.ofNanos(longest);
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

    private void record(long end, long length) {
        int slot = next;
        next = (next + 1) % KEPT;
        lasted.set(slot, 0);
        endedAt.set(slot, end);
        lasted.set(slot, length);
    }
}
