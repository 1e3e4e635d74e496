package com.mobilityha.systemtests.bench;

import com.mobilityha.systemtests.app.Http.Answer;
import com.mobilityha.systemtests.stack.SessionSites;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * R1: sessions are created on both sites without pause while the Redis master is killed
 * (SIGKILL) again and again; the Sentinels promote the replica, the killed node comes back as a
 * replica. Every session whose creation the app was told succeeded (201) must still be there at
 * the end. Sessions refused (the write could not be acknowledged by a replica) never count.
 */
public final class RedisFailoverWrites {
    private static final int WRITERS = 2;

    private RedisFailoverWrites() {
    }

    /** The outcome of a run. */
    public record Result(int failovers, int acknowledged, int refused, int lost, List<Duration> failoverTimes,
                         int unasked) {
        public String lastLine() {
            return String.format("R1 acknowledged sessions lost: %d (of %d acknowledged during %d Redis master "
                            + "failovers under writes from %d threads; %d refused while no replica could acknowledge; "
                            + "master killed -> replica promoted: %s; %d failovers the Sentinels made by themselves)",
                    lost, acknowledged, failovers, WRITERS, refused, Stats.of(failoverTimes).describe(), unasked);
        }
    }

    /** Runs {@code failovers} master kills under write load and checks every acknowledged session. */
    public static Result run(int failovers, Consumer<String> narrator) throws InterruptedException {
        try (SessionSites sites = SessionSites.start(line -> narrator.accept("started " + line))) {
            Map<String, String> acknowledged = new ConcurrentHashMap<>();
            AtomicInteger refused = new AtomicInteger();
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                String site = w % 2 == 0 ? "primary" : "secondary";
                int writer = w;
                Thread thread = new Thread(() -> {
                    int n = 0;
                    while (writing.get()) {
                        String user = "w" + writer + "-" + n++;
                        try {
                            Answer created = sites.createSession(site, user);
                            if (created.status() == 201) {
                                acknowledged.put(created.json().get("sessionToken").asText(), user);
                            } else {
                                refused.incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            refused.incrementAndGet();
                        }
                    }
                }, "session-writer-" + w);
                thread.start();
                writers.add(thread);
            }
            List<Duration> failoverTimes = new ArrayList<>();
            AtomicInteger unasked = new AtomicInteger();
            int promoted = -1;
            for (int i = 1; i <= failovers; i++) {
                Thread.sleep(1_000);
                sites.redis().awaitReplicaInSync(Duration.ofSeconds(30));
                int old = sites.redis().masterPort();
                if (i > 1 && old != promoted) {
                    narrator.accept("the Sentinels failed over by themselves (" + promoted + " -> " + old + ")");
                    unasked.incrementAndGet();
                }
                long start = System.nanoTime();
                int master = sites.redis().killMasterAndAwaitFailover(Duration.ofSeconds(30));
                promoted = master;
                failoverTimes.add(Duration.ofNanos(System.nanoTime() - start));
                sites.redis().restartOldMaster(old);
                sites.redis().awaitReplicaInSync(Duration.ofSeconds(30));
                narrator.accept(String.format("failover %d: master %d killed, %d promoted in %d ms; %d sessions "
                                + "acknowledged so far", i, old, master, failoverTimes.get(i - 1).toMillis(),
                        acknowledged.size()));
            }
            Thread.sleep(1_000);
            writing.set(false);
            for (Thread thread : writers) {
                thread.join(10_000);
            }
            int lost = 0;
            for (String token : acknowledged.keySet()) {
                if (sites.session("primary", token).status() != 200) {
                    lost++;
                }
            }
            return new Result(failovers, acknowledged.size(), refused.get(), lost, failoverTimes, unasked.get());
        }
    }

    static String run() throws InterruptedException {
        return run(20, System.out::println).lastLine();
    }
}
