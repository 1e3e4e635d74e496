package com.mobilityha.localstack.process;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in tests for what a system will do shortly: bounded polling, never an unbounded sleep. */
public final class Poll {
    private static final long INTERVAL_MILLIS = 50;

    private Poll() {
    }

    /** True as soon as the condition holds, false when it still does not after {@code timeout}. */
    public static boolean until(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            sleep(INTERVAL_MILLIS);
        }
        return condition.getAsBoolean();
    }

    /** Waits for the condition; fails the test naming what was awaited when it does not come. */
    public static void require(BooleanSupplier condition, String what, Duration timeout) {
        if (!until(condition, timeout)) {
            throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for: " + what);
        }
    }

    /** Sleeps, keeping the interrupt. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
