package com.mobilityha.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Freezes and thaws a process of the local stack (SIGSTOP / SIGCONT): a hung VM, a GC pause, a partition. */
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
