package com.mobilityha.systemtests.drill;

import java.io.PrintStream;

/** Prints what happens during a drill, each line stamped with the milliseconds since the drill began. */
public final class Timeline {
    private final long start = System.nanoTime();
    private final PrintStream out;

    public Timeline(PrintStream out) {
        this.out = out;
    }

    /** Prints one event at the current time. */
    public void note(String format, Object... args) {
        noteAt(System.nanoTime(), format, args);
    }

    /** Prints one event that happened at {@code nanos} (a {@link System#nanoTime()} reading). */
    public void noteAt(long nanos, String format, Object... args) {
        out.printf("  t+%6.2f s  %s%n", (nanos - start) / 1e9, String.format(format, args));
    }

    /** Prints a detail of the last event, unstamped. */
    public void detail(String format, Object... args) {
        out.printf("              %s%n", String.format(format, args));
    }

    /** Milliseconds since {@code mark} (a {@link System#nanoTime()} reading). */
    public static long millisSince(long mark) {
        return (System.nanoTime() - mark) / 1_000_000;
    }
}
