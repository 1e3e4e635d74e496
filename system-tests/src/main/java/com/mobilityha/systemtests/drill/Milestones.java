package com.mobilityha.systemtests.drill;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * Several things a drill waits for at once after causing a failure (the server noticed it, a push
 * reached the phone, …), each timed from the same moment: the first time its condition held.
 * A condition that throws (a process not answering yet) counts as not yet.
 */
public final class Milestones {
    private final long since;
    private final Map<String, BooleanSupplier> conditions = new LinkedHashMap<>();
    private final Map<String, Long> reached = new LinkedHashMap<>();

    private Milestones(long since) {
        this.since = since;
    }

    /** Milestones timed from {@code mark}, a {@link System#nanoTime()} reading taken when the failure was caused. */
    public static Milestones since(long mark) {
        return new Milestones(mark);
    }

    public Milestones watch(String name, BooleanSupplier condition) {
        conditions.put(name, condition);
        return this;
    }

    /** Polls every condition not reached yet until all are, or until {@code timeout}; returns this. */
    public Milestones await(Duration timeout) {
        long deadline = since + timeout.toNanos();
        while (reached.size() < conditions.size() && System.nanoTime() < deadline) {
            conditions.forEach((name, condition) -> {
                if (!reached.containsKey(name) && holds(condition)) {
                    reached.put(name, Timeline.millisSince(since));
                }
            });
            pause();
        }
        return this;
    }

    /** Milliseconds from the mark until the milestone was reached; empty when it was not. */
    public OptionalLong millis(String name) {
        Long millis = reached.get(name);
        return millis == null ? OptionalLong.empty() : OptionalLong.of(millis);
    }

    /** Milliseconds from the mark until now. */
    public long millisSinceMark() {
        return Timeline.millisSince(since);
    }

    /** When the milestone was reached, as a {@link System#nanoTime()} reading (for {@link Timeline#noteAt}). */
    public long at(String name) {
        return since + millis(name).orElseThrow() * 1_000_000;
    }

    public boolean reached(String name) {
        return reached.containsKey(name);
    }

    private static boolean holds(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (RuntimeException notAnsweringYet) {
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
