package com.mobilityha.systemtests.monitoring;

import com.mobilityha.localstack.process.Poll;
import com.mobilityha.systemtests.monitoring.LocalPrometheus.Alert;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Watches a Prometheus's alerts twice a second, as an admin's pager would, and tells each change: an alert
 * that starts firing, and one that stops (resolved). Remembers every change for checks afterwards.
 */
public final class AlertWatch implements AutoCloseable {
    private static final long PERIOD_MILLIS = 500;

    /** An alert started firing or was resolved, at a {@link System#nanoTime()} reading. */
    public record Change(Alert alert, boolean firing, long at) {
    }

    /** Told of each change as it is seen. */
    public interface Listener {
        void changed(Change change);
    }

    private final LocalPrometheus prometheus;
    private final Listener listener;
    private final List<Change> changes = new CopyOnWriteArrayList<>();
    private volatile Set<Alert> firingNow = Set.of();
    private final Thread thread;
    private volatile boolean running = true;

    private AlertWatch(LocalPrometheus prometheus, Listener listener) {
        this.prometheus = prometheus;
        this.listener = listener;
        this.thread = new Thread(this::watch, "alert-watch");
        thread.setDaemon(true);
    }

    /** Starts watching; alerts already firing are told as firing first. */
    public static AlertWatch start(LocalPrometheus prometheus, Listener listener) {
        AlertWatch watch = new AlertWatch(prometheus, listener);
        watch.thread.start();
        return watch;
    }

    private void watch() {
        Set<Alert> firing = new HashSet<>();
        while (running) {
            try {
                Set<Alert> now = new HashSet<>(prometheus.firing());
                now.stream().filter(alert -> !firing.contains(alert)).forEach(alert -> tell(alert, true));
                firing.stream().filter(alert -> !now.contains(alert)).forEach(alert -> tell(alert, false));
                firing.clear();
                firing.addAll(now);
                firingNow = Set.copyOf(now);
            } catch (RuntimeException unreachable) {
                // Prometheus stopping or busy: the next round asks again
            }
            Poll.sleep(PERIOD_MILLIS);
        }
    }

    private void tell(Alert alert, boolean firing) {
        Change change = new Change(alert, firing, System.nanoTime());
        changes.add(change);
        listener.changed(change);
    }

    /** Waits until an alert of this name has fired (since the watch began); true if so in time. */
    public boolean awaitFiring(String name, Duration timeout) {
        return Poll.until(() -> changes.stream().anyMatch(c -> c.firing() && c.alert().name().equals(name)), timeout);
    }

    /** Waits until an alert of this name has fired and none of that name fires any more; true if so in time. */
    public boolean awaitResolved(String name, Duration timeout) {
        return Poll.until(() -> fired(name) && firingNow.stream().noneMatch(alert -> alert.name().equals(name)), timeout);
    }

    private boolean fired(String name) {
        return changes.stream().anyMatch(c -> c.firing() && c.alert().name().equals(name));
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
