package com.mobilityha.session.site;

import com.mobilityha.common.redis.RedisKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.set.SScanCursor;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;

/**
 * Sessions expire by TTL, but the index sets (company, instance, site, user) only lose an id when
 * the session ends by logout. Every {@code session.index-sweep-interval} one session-service of
 * either site (a Redis lease) walks the indexes with SCAN/SSCAN, never KEYS, and removes the ids
 * whose session is gone, so that failover duties never fetch thousands of dead ids.
 */
@ApplicationScoped
public class IndexJanitor {
    private static final Logger LOG = Logger.getLogger(IndexJanitor.class);
    private static final int CHUNK = 500;

    private final RedisDataSource redis;
    private final MeterRegistry metrics;

    IndexJanitor(RedisDataSource redis, MeterRegistry metrics) {
        this.redis = redis;
        this.metrics = metrics;
    }

    @Scheduled(every = "${session.index-sweep-interval:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSweep() {
        if (redis.execute("SET", RedisKeys.indexSweepLease(), "1", "NX", "EX", "60") != null) {
            sweep();
        }
    }

    /** Removes every dead id from every index; how many were removed. */
    public long sweep() {
        long removed = 0;
        for (String index : redis.key().scan(new KeyScanArgs().match(RedisKeys.indexPattern()).count(CHUNK)).toIterable()) {
            removed += sweep(index);
        }
        if (removed > 0) {
            LOG.infof("Removed %d ids of expired sessions from the session indexes", removed);
            metrics.counter("mobility.session.index.swept").increment(removed);
        }
        return removed;
    }

    private long sweep(String index) {
        long removed = 0;
        SScanCursor<String> cursor = redis.set(String.class).sscan(index);
        while (cursor.hasNext()) {
            List<String> ids = List.copyOf(cursor.next());
            for (int from = 0; from < ids.size(); from += CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
                Map<String, String> alive = redis.value(String.class).mget(
                        chunk.stream().map(RedisKeys::tokenHashOfSession).toArray(String[]::new));
                List<String> dead = chunk.stream()
                        .filter(id -> alive.get(RedisKeys.tokenHashOfSession(id)) == null)
                        .toList();
                if (!dead.isEmpty()) {
                    removed += redis.set(String.class).srem(index, dead.toArray(String[]::new));
                }
            }
        }
        return removed;
    }
}
