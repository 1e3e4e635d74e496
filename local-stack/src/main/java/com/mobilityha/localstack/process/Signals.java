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
        send(process, "-STOP");
    }

    /** SIGCONT: a frozen process carries on where it stopped. */
    public static void thaw(Process process) {
        send(process, "-CONT");
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

    private static void send(Process process, String signal) {
        try {
            new ProcessBuilder("kill", signal, String.valueOf(process.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
