package com.mobilityha.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Signals to a process of the local stack: freeze and thaw (SIGSTOP / SIGCONT: a hung VM, a GC pause,
 * a partition) and stop (SIGTERM, then SIGKILL when it does not exit in time).
 */
public final class Signals {
    private Signals() {
    }

    /** SIGSTOP: the process freezes without dying; its sockets stay open and silent. */
    public static void freeze(Process process) {
        freeze(process.pid());
    }

    /** SIGSTOP to the process {@code pid} (one this JVM did not start). */
    public static void freeze(long pid) {
        send(pid, "-STOP");
    }

    /** SIGCONT: a frozen process carries on where it stopped. */
    public static void thaw(Process process) {
        thaw(process.pid());
    }

    /** SIGCONT to the process {@code pid}. */
    public static void thaw(long pid) {
        send(pid, "-CONT");
    }

    /** SIGTERM, and SIGKILL if the process has not exited within {@code grace}. */
    public static void stop(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void send(long pid, String signal) {
        try {
            new ProcessBuilder("kill", signal, String.valueOf(pid)).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
