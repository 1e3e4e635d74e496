package com.mobilityha.common.stream;

import com.mobilityha.common.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.XTrimArgs;
import io.vertx.mutiny.redis.client.Response;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;

/**
 * Removes from a consumed stream the entries every consumer group has acknowledged. Redis keeps an
 * acknowledged entry until it is trimmed: untrimmed, every push and call event would stay in memory until
 * {@code maxmemory} refuses writes (logins fail) or evicts sessions. What a group still needs starts at its
 * oldest pending entry (read but not acknowledged: its consumer may have died, and another will claim it)
 * or, with none pending, right after its last-delivered entry; the stream is trimmed (XTRIM MINID) to the
 * oldest of these points of all its groups, so that no entry a group has pending or not yet read is lost.
 * A stream without a group is left alone. One consumer of all pods of both sites trims per period (a lease):
 * a few commands per period, however many pods read the stream.
 */
final class AcknowledgedTrim {
    private static final Logger LOG = Logger.getLogger(AcknowledgedTrim.class);

    private final RedisDataSource redis;
    private final StreamCommands<String, String, String> streams;
    private final String stream;
    private final Duration every;
    /** When this consumer next tries to trim (System.nanoTime). */
    private long nextTrim = System.nanoTime();

    AcknowledgedTrim(RedisDataSource redis, String stream, Duration every) {
        this.redis = redis;
        this.streams = redis.stream(String.class, String.class, String.class);
        this.stream = stream;
        this.every = every;
    }

    /**
     * Trims the stream when a period has passed and {@code consumer} wins the period's lease. Never throws:
     * a trim that fails (Redis unavailable) is tried again next period, and reading goes on meanwhile.
     */
    void trimIfDue(String consumer) {
        if (System.nanoTime() - nextTrim < 0) {
            return;
        }
        nextTrim = System.nanoTime() + every.toNanos();
        try {
            if (redis.execute("SET", RedisKeys.streamTrimLease(stream), consumer, "NX", "PX",
                    String.valueOf(every.toMillis())) != null) {
                oldestNeeded().ifPresent(oldest -> streams.xtrim(stream, new XTrimArgs().minid(oldest.toString())));
            }
        } catch (RuntimeException e) {
            LOG.warnf("Stream %s not trimmed this time: %s", stream, e.toString());
        }
    }

    /**
     * The oldest entry some group still needs; empty without groups. The groups are read before their
     * pending entries: an entry delivered in between comes after the last-delivered id already read, so it is
     * kept whether or not it is seen pending.
     */
    private Optional<EntryId> oldestNeeded() {
        Optional<EntryId> oldest = Optional.empty();
        for (Response group : redis.execute("XINFO", "GROUPS", stream)) {
            EntryId needed = EntryId.parse(group.get("last-delivered-id").toString()).next();
            if (group.get("pending").toLong() > 0) {
                String lowestPending = streams.xpending(stream, group.get("name").toString()).getLowestId();
                if (lowestPending != null) {
                    needed = EntryId.min(needed, EntryId.parse(lowestPending));
                }
            }
            oldest = Optional.of(oldest.isEmpty() ? needed : EntryId.min(oldest.get(), needed));
        }
        return oldest;
    }

    /** A stream entry id, {@code <milliseconds>-<sequence>}, ordered as Redis orders them. */
    private record EntryId(long millis, long sequence) {
        private static final Comparator<EntryId> ORDER = Comparator.comparingLong(EntryId::millis)
                .thenComparingLong(EntryId::sequence);

        static EntryId parse(String id) {
            int dash = id.indexOf('-');
            return new EntryId(Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1)));
        }

        static EntryId min(EntryId a, EntryId b) {
            return ORDER.compare(a, b) <= 0 ? a : b;
        }

        /** The smallest id after this one. */
        EntryId next() {
            return new EntryId(millis, sequence + 1);
        }

        @Override
        public String toString() {
            return millis + "-" + sequence;
        }
    }
}
