package com.mobilityha.common.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Reads a Redis Stream at least once through a consumer group. One daemon thread per process
 * reads new entries (XREADGROUP) and, four times per {@code claimIdle}, first claims entries that
 * any consumer left pending longer than that (XAUTOCLAIM: a consumer that died, or a transient
 * failure); it hands each batch to the handler. The handler settles every entry: {@link #ack} once its outcome is known, or
 * {@link #retryLater}, which leaves it pending until it is claimed again and, after
 * {@code maxDeliveries} attempts, moves it to the dead-letter stream, which keeps about the latest
 * {@code deadLetterLimit} (MAXLEN ~). Once per {@code trimEvery} one consumer of all processes removes
 * the entries every consumer group has acknowledged ({@link AcknowledgedTrim}), so the stream holds
 * about what is still to be delivered.
 */
public final class ReliableStreamConsumer {
    private static final Logger LOG = Logger.getLogger(ReliableStreamConsumer.class);
    /** Stalled entries are looked for this often per claimIdle: at most a quarter late, and not once per batch. */
    private static final int RECLAIM_CHECKS_PER_IDLE = 4;

    /** Where and how to read, and how much to keep. */
    public record Settings(String stream, String group, Duration claimIdle, Duration block, int batchSize,
                           int maxDeliveries, String deadLetterStream, long deadLetterLimit, Duration trimEvery) {
    }

    /** Handles one batch; every entry must be acknowledged or left for a retry. */
    @FunctionalInterface
    public interface BatchHandler {
        void handle(List<StreamMessage<String, String, String>> batch) throws InterruptedException;
    }

    private final StreamCommands<String, String, String> streams;
    private final HashCommands<String, String, Long> attempts;
    private final Settings settings;
    private final String consumer;
    private final AcknowledgedTrim trim;
    private volatile boolean running;
    /** When the next look for entries stalled at other consumers is due (System.nanoTime). */
    private long nextReclaim = System.nanoTime();
    private boolean groupReady;
    private Thread worker;

    public ReliableStreamConsumer(RedisDataSource redis, Settings settings, String consumerPrefix) {
        this.streams = redis.stream(String.class, String.class, String.class);
        this.attempts = redis.hash(String.class, String.class, Long.class);
        this.settings = settings;
        this.consumer = consumerPrefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.trim = new AcknowledgedTrim(redis, settings.stream(), settings.trimEvery());
    }

    /** Starts the reading thread. */
    public void start(String threadName, BatchHandler handler) {
        running = true;
        worker = new Thread(() -> run(handler), threadName);
        worker.setDaemon(true);
        worker.start();
        LOG.infof("Consumer %s reads %s in group %s", consumer, settings.stream(), settings.group());
    }

    /** Stops reading after the batch in hand. */
    public void stop() throws InterruptedException {
        running = false;
        if (worker != null) {
            worker.join(settings.block().toMillis() + 5_000);
        }
    }

    /** The entry's outcome is known: it will not be delivered again. */
    public void ack(String entryId) {
        ackAll(List.of(entryId));
    }

    /** The outcomes of these entries are known: acknowledged together (two round trips per batch). */
    public void ackAll(List<String> entryIds) {
        if (entryIds.isEmpty()) {
            return;
        }
        streams.xack(settings.stream(), settings.group(), entryIds.toArray(String[]::new));
        attempts.hdel(attemptsKey(), entryIds.toArray(String[]::new));
    }

    /**
     * Counts a failed attempt. True: the entry stays pending and is claimed again after
     * {@code claimIdle}; false: it has had {@code maxDeliveries} attempts and was copied to the
     * dead-letter stream, and the caller acknowledges it.
     */
    public boolean retryLater(String entryId, Map<String, String> payload) {
        long attempt = attempts.hincrby(attemptsKey(), entryId, 1);
        if (attempt < settings.maxDeliveries()) {
            return true;
        }
        addDeadLetter(payload);
        LOG.warnf("Entry %s of %s dead-lettered to %s after %d attempts", entryId, settings.stream(),
                settings.deadLetterStream(), attempt);
        return false;
    }

    /** The entry can never succeed (e.g. its receiver rejected it): dead-lettered now and acknowledged. */
    public void deadLetter(String entryId, Map<String, String> payload) {
        addDeadLetter(payload);
        ack(entryId);
    }

    private void addDeadLetter(Map<String, String> payload) {
        streams.xadd(settings.deadLetterStream(), new XAddArgs().maxlen(settings.deadLetterLimit()).nearlyExactTrimming(),
                payload);
    }

    /** Entries read but not yet acknowledged, by every consumer of the group (NaN when Redis does not answer). */
    public double pending() {
        return orNaN(() -> streams.xpending(settings.stream(), settings.group()).getPendingCount());
    }

    /**
     * Exports the stream's length ({@code mobility.stream.length}: what is not yet trimmed, i.e. still to be
     * delivered, plus what was acknowledged since the last trim) and its dead letters
     * ({@code mobility.stream.dead.letters}), both tagged with the stream and read from Redis when scraped.
     */
    public void exportGauges(MeterRegistry metrics) {
        Tags ofStream = Tags.of("stream", settings.stream());
        metrics.gauge("mobility.stream.length", ofStream, streams, s -> orNaN(() -> s.xlen(settings.stream())));
        metrics.gauge("mobility.stream.dead.letters", ofStream, streams,
                s -> orNaN(() -> s.xlen(settings.deadLetterStream())));
    }

    /** A count read from Redis for a gauge; NaN when Redis does not answer. */
    private static double orNaN(LongSupplier count) {
        try {
            return count.getAsLong();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private void run(BatchHandler handler) {
        while (running) {
            try {
                ensureGroup();
                if (System.nanoTime() - nextReclaim >= 0) {
                    List<StreamMessage<String, String, String>> stalled = streams.xautoclaim(settings.stream(),
                            settings.group(), consumer, settings.claimIdle(), "0-0", settings.batchSize()).getMessages();
                    handle(handler, stalled);
                    if (stalled.size() >= settings.batchSize()) {
                        continue; // more left behind by a dead consumer: reclaim before waiting for new entries
                    }
                    nextReclaim = System.nanoTime() + settings.claimIdle().toNanos() / RECLAIM_CHECKS_PER_IDLE;
                }
                trim.trimIfDue(consumer);
                handle(handler, streams.xreadgroup(settings.group(), consumer, settings.stream(), ">",
                        new XReadGroupArgs().count(settings.batchSize()).block(settings.block())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                groupReady = false;
                LOG.warnf("Stream %s unavailable, retrying: %s", settings.stream(), e.toString());
                pause();
            }
        }
    }

    private static void handle(BatchHandler handler, List<StreamMessage<String, String, String>> batch)
            throws InterruptedException {
        if (batch != null && !batch.isEmpty()) {
            handler.handle(batch);
        }
    }

    /** Creates the stream and group once (and again after Redis errors, e.g. a failover to an empty replica). */
    private void ensureGroup() {
        if (groupReady) {
            return;
        }
        try {
            streams.xgroupCreate(settings.stream(), settings.group(), "0", new XGroupCreateArgs().mkstream());
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
                throw e;
            }
        }
        groupReady = true;
    }

    private String attemptsKey() {
        return settings.stream() + ":attempts";
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
