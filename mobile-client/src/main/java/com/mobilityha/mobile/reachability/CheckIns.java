package com.mobilityha.mobile.reachability;

import com.mobilityha.mobile.MobilityClient;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * B8: what the app does while it runs: it reacts to (and so acknowledges) the pushes that arrived, then
 * checks in, and again every period the server gave at the last check-in. {@link #suspend} stops both, as
 * iOS suspends a backgrounded app or Android's battery optimisation stops it (pushes still reach the phone,
 * the app does not run); {@link #resume} runs them at once, as an app coming to the foreground does. A
 * failed check-in (no site answered) waits for the next period.
 */
public final class CheckIns implements AutoCloseable {
    private final MobilityClient app;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "check-ins");
        thread.setDaemon(true);
        return thread;
    });
    private ScheduledFuture<?> next;
    /** Which run of the schedule is current: each resume starts a new one, and an older run stops. */
    private long run;
    private volatile int failures;

    private CheckIns(MobilityClient app) {
        this.app = app;
    }

    /** Starts the schedule of a signed-in app: a check-in now, then every period the server gives. */
    public static CheckIns start(MobilityClient app) {
        CheckIns checkIns = new CheckIns(app);
        checkIns.resume();
        return checkIns;
    }

    /** The app stops running (suspended by the OS): no check-in, no push handled. */
    public synchronized void suspend() {
        run++;
        if (next != null) {
            next.cancel(false);
            next = null;
        }
    }

    /** The app runs again: pushes handled and a check-in at once, then every period. */
    public synchronized void resume() {
        suspend();
        long current = run;
        next = timer.schedule(() -> tick(current), 0, TimeUnit.MILLISECONDS);
    }

    /** Check-ins that failed (no site answered, or the server refused), in all. */
    public int failures() {
        return failures;
    }

    private void tick(long ofRun) {
        try {
            app.handleNewPushes();
            app.checkIn();
        } catch (RuntimeException e) {
            failures++;
        }
        schedule(ofRun, app.checkInEvery());
    }

    private synchronized void schedule(long ofRun, Duration period) {
        if (ofRun == run && !timer.isShutdown()) {
            next = timer.schedule(() -> tick(ofRun), period.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        suspend();
        timer.shutdownNow();
    }
}
