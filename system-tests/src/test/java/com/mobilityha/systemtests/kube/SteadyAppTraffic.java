package com.mobilityha.systemtests.kube;

import com.mobilityha.systemtests.app.AppClient;
import com.mobilityha.systemtests.app.Http.Answer;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Signed-in agents' apps at work through a site's ingress, as long as it runs: each worker takes the next
 * agent and makes one of the requests an app makes while its agent is online (its session, the agent
 * statuses, a status change), about 60 requests a second in all. Counts every request, and keeps each
 * that failed (a 5xx, or no answer) with when it was sent and what it got.
 */
final class SteadyAppTraffic implements AutoCloseable {
    static final int WORKERS = 4;
    private static final long PAUSE_MILLIS = 60;
    private static final List<Function<AppClient, Answer>> REQUESTS = List.of(AppClient::session,
            AppClient::agentStatuses, app -> app.setStatus("Available"));

    private final List<AppClient> agents;
    private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
    private final AtomicInteger turn = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();
    private final Queue<Failure> failed = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;

    private SteadyAppTraffic(List<AppClient> agents) {
        this.agents = agents;
    }

    static SteadyAppTraffic start(List<AppClient> agents) {
        SteadyAppTraffic traffic = new SteadyAppTraffic(agents);
        for (int i = 0; i < WORKERS; i++) {
            traffic.workers.execute(traffic::work);
        }
        return traffic;
    }

    private void work() {
        while (running) {
            int n = turn.getAndIncrement();
            AppClient app = agents.get(Math.floorMod(n, agents.size()));
            Function<AppClient, Answer> request = REQUESTS.get(Math.floorMod(n / agents.size(), REQUESTS.size()));
            sent.incrementAndGet();
            long sentAt = System.nanoTime();
            try {
                Answer answer = request.apply(app);
                if (answer.status() >= 500) {
                    failed.add(new Failure(sentAt, answer.status() + " " + answer.body()));
                }
            } catch (RuntimeException noAnswer) {
                failed.add(new Failure(sentAt, noAnswer.getMessage()
                        + (noAnswer.getCause() == null ? "" : ": " + noAnswer.getCause())));
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Requests sent so far. */
    int sent() {
        return sent.get();
    }

    /** The requests that failed so far. */
    List<Failure> failed() {
        return List.copyOf(failed);
    }

    /** A request that failed: when it was sent (a {@link System#nanoTime()} reading) and what it got. */
    record Failure(long sentAt, String what) {
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        workers.shutdown();
        workers.awaitTermination(30, TimeUnit.SECONDS);
    }
}
