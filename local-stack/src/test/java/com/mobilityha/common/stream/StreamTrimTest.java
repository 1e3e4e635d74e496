package com.mobilityha.common.stream;

import com.mobilityha.localstack.process.Poll;
import com.mobilityha.localstack.redis.RedisClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A consumed stream holds what is still to be delivered, not everything ever written: what every consumer group
 * acknowledged is trimmed, what a group has pending or not yet read is kept (and still delivered), and dead
 * letters stay bounded. On a real redis-server, with {@link ReliableStreamConsumer}s as the notifier and the
 * gateway run them.
 */
class StreamTrimTest {
    private static final String STREAM = "mha:test-events";
    private static final String DEAD = STREAM + ":dead";
    private static final String GROUP = "workers";
    private static final long DEAD_LETTER_LIMIT = 100;
    /** Redis drops whole nodes of a stream (stream-node-max-entries) when trimming with MAXLEN ~. */
    private static final long NODE = 100;

    @RegisterExtension
    static final RedisClient client = new RedisClient();
    private static RedisDataSource redis;
    private static StreamCommands<String, String, String> streams;

    private final List<ReliableStreamConsumer> started = new ArrayList<>();
    private final List<StreamMessage<String, String, String>> delivered = new CopyOnWriteArrayList<>();
    private int written;

    @BeforeAll
    static void redis() {
        redis = client.dataSource();
        streams = redis.stream(String.class, String.class, String.class);
    }

    @BeforeEach
    void empty() {
        redis.flushall();
    }

    @AfterEach
    void stopConsumers() throws InterruptedException {
        for (ReliableStreamConsumer consumer : started) {
            consumer.stop();
        }
    }

    @Test
    void entriesDeliveredAndAcknowledgedAreTrimmedFromTheStream() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        ReliableStreamConsumer consumer = acknowledgingConsumer(Duration.ofSeconds(30));
        consumer.exportGauges(metrics);
        add(500);

        await(() -> delivered.size() == 500, "every entry delivered");
        await(() -> streams.xlen(STREAM) == 0, "the acknowledged entries trimmed");
        assertEquals(0.0, metrics.get("mobility.stream.length").tag("stream", STREAM).gauge().value());
        assertEquals(1, redis.execute("XINFO", "GROUPS", STREAM).size(), "the group stays with the emptied stream");

        List<String> later = add(3);
        await(() -> delivered.size() == 503, "entries written after a trim are delivered");
        assertEquals(later, delivered.subList(500, 503).stream().map(StreamMessage::id).toList());
    }

    @Test
    void anEntryACrashedConsumerLeftPendingIsKeptAndClaimedByAnother() {
        streams.xgroupCreate(STREAM, GROUP, "0", new XGroupCreateArgs().mkstream());
        List<String> handled = add(5);
        String unacknowledged = add(1).get(0);
        List<StreamMessage<String, String, String>> read = streams.xreadgroup(GROUP, "crashed", STREAM, ">",
                new XReadGroupArgs().count(6));
        assertEquals(6, read.size());
        streams.xack(STREAM, GROUP, handled.toArray(String[]::new)); // then it crashed before acknowledging the last
        List<String> newer = add(3);

        acknowledgingConsumer(Duration.ofSeconds(3));

        List<String> kept = new ArrayList<>(List.of(unacknowledged));
        kept.addAll(newer);
        await(() -> ids().equals(kept), "trimmed to the pending entry and what came after it");
        await(() -> delivered.stream().anyMatch(m -> m.id().equals(unacknowledged)),
                "the pending entry claimed by the live consumer");
        assertEquals(Map.of("n", "6"), delivered.stream().filter(m -> m.id().equals(unacknowledged)).findFirst()
                .orElseThrow().payload(), "claimed whole");
        await(() -> streams.xlen(STREAM) == 0, "trimmed once acknowledged");
    }

    @Test
    void entriesAGroupHasNotReadYetAreKeptThoughAnotherGroupAcknowledgedThem() {
        streams.xgroupCreate(STREAM, "audit", "0", new XGroupCreateArgs().mkstream());
        List<String> entries = add(10);
        List<StreamMessage<String, String, String>> audited = streams.xreadgroup("audit", "auditor", STREAM, ">",
                new XReadGroupArgs().count(4));
        streams.xack(STREAM, "audit", audited.stream().map(StreamMessage::id).toArray(String[]::new));

        acknowledgingConsumer(Duration.ofSeconds(30));

        await(() -> delivered.size() == 10, "the workers delivered every entry");
        await(() -> ids().equals(entries.subList(4, 10)), "only what the audit group read is trimmed");
    }

    @Test
    void deadLettersStayBounded() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        ReliableStreamConsumer[] consumer = new ReliableStreamConsumer[1];
        consumer[0] = consumer(Duration.ofSeconds(30), batch -> batch.forEach(message -> {
            consumer[0].deadLetter(message.id(), message.payload());
            delivered.add(message);
        }));
        consumer[0].exportGauges(metrics);
        add(1_000);

        await(() -> delivered.size() == 1_000, "every entry refused and dead-lettered");
        long deadLetters = streams.xlen(DEAD);
        assertTrue(deadLetters >= DEAD_LETTER_LIMIT && deadLetters < DEAD_LETTER_LIMIT + NODE,
                "about the latest " + DEAD_LETTER_LIMIT + " kept, not 1000: " + deadLetters);
        assertEquals(Map.of("n", "1000"), streams.xrevrange(DEAD, StreamRange.of("+", "-"), 1).get(0).payload(),
                "the newest kept");
        assertEquals(deadLetters, metrics.get("mobility.stream.dead.letters").tag("stream", STREAM).gauge().value());
    }

    private ReliableStreamConsumer acknowledgingConsumer(Duration claimIdle) {
        ReliableStreamConsumer[] consumer = new ReliableStreamConsumer[1];
        consumer[0] = consumer(claimIdle, batch -> {
            delivered.addAll(batch);
            consumer[0].ackAll(batch.stream().map(StreamMessage::id).toList());
        });
        return consumer[0];
    }

    private ReliableStreamConsumer consumer(Duration claimIdle, ReliableStreamConsumer.BatchHandler handler) {
        ReliableStreamConsumer consumer = new ReliableStreamConsumer(redis, new ReliableStreamConsumer.Settings(STREAM,
                GROUP, claimIdle, Duration.ofMillis(100), 50, 3, DEAD, DEAD_LETTER_LIMIT, Duration.ofMillis(100)), "test");
        consumer.start("test-consumer", handler);
        started.add(consumer);
        return consumer;
    }

    /** Adds {@code count} entries, numbered on from those written before ({@code n}: 1, 2, …); their ids. */
    private List<String> add(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> streams.xadd(STREAM, Map.of("n", String.valueOf(++written))))
                .toList();
    }

    private static List<String> ids() {
        return streams.xrange(STREAM, StreamRange.of("-", "+")).stream().map(StreamMessage::id).toList();
    }

    private static void await(BooleanSupplier condition, String what) {
        Poll.require(condition, what, Duration.ofSeconds(15));
    }
}
