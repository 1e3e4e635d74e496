package com.mobilityha.simulator.events;

import com.mobilityha.simulator.instance.AwsError;
import com.mobilityha.simulator.quota.TokenBucket;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kinesis's documented read quotas per shard: 5 GetRecords and 5 GetShardIterator calls per second,
 * each; a call over the quota answers ProvisionedThroughputExceededException. The admin reset
 * starts every shard with a full quota again, as it does the Connect API quotas.
 */
@ApplicationScoped
public class ShardReadQuotas {
    private static final int READS_PER_SECOND = 5;

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    void take(KinesisStream stream, String operation) {
        long now = System.nanoTime();
        TokenBucket bucket = buckets.computeIfAbsent(stream.name() + "/" + operation,
                key -> new TokenBucket(READS_PER_SECOND, READS_PER_SECOND, now));
        if (!bucket.tryTake(now)) {
            throw new AwsError(400, "ProvisionedThroughputExceededException",
                    "Rate exceeded for shard " + KinesisStream.SHARD_ID + " in stream " + stream.name());
        }
    }

    public void refill() {
        buckets.clear();
    }
}
