package com.mobilityha.localstack.process;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts the local stack's long-lived processes (Redis, Sentinels, our services, Keycloak, Prometheus) so
 * that none outlives the JVM that started it: when that JVM exits — a test run whose last resources were
 * never closed, a demo stopped with Ctrl-C — the processes it started are given {@value #CLOSE_SECONDS} s to
 * be stopped by whoever owns them (other shutdown hooks, e.g. Quarkus closing its test resources, run at the
 * same time), then those still running are asked to stop (SIGTERM) and, if they have not within
 * {@value #GRACE_SECONDS} s (a frozen one cannot), killed.
 */
public final class ChildProcesses {
    /**
     * Time for the owners' orderly stop: the demo stopping two sites drains every replica as Kubernetes does
     * (SIGTERM, up to 10 s each); with 2 s the processes were stopped under its feet and its kubelets
     * restarted them while it stopped.
     */
    private static final long CLOSE_SECONDS = 20;
    private static final long GRACE_SECONDS = 3;
    private static final AtomicBoolean STOPPED_ON_EXIT = new AtomicBoolean();

    private ChildProcesses() {
    }

    /** Starts the process; it is stopped at the latest when this JVM exits. */
    public static Process start(ProcessBuilder builder) throws IOException {
        if (STOPPED_ON_EXIT.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::stopAll, "stop-child-processes"));
        }
        return builder.start();
    }

    private static void stopAll() {
        List<ProcessHandle> running = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        if (exited(running, CLOSE_SECONDS)) {
            return;
        }
        List<ProcessHandle> left = running.stream().filter(ProcessHandle::isAlive).toList();
        left.forEach(ProcessHandle::destroy);
        if (!exited(left, GRACE_SECONDS)) {
            left.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static boolean exited(List<ProcessHandle> processes, long seconds) {
        CompletableFuture<?>[] exits = processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
