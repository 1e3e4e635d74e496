package com.mobilityha.notifier.stream;

import com.mobilityha.notifier.config.NotifierConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Appends pushes to the notification stream; once XADD returns, the push will be delivered at least once. */
@ApplicationScoped
public class NotificationQueue {
    private static final int PIPELINE = 500;

    private final RedisDataSource redis;
    private final String key;

    NotificationQueue(RedisDataSource redis, NotifierConfig config) {
        this.redis = redis;
        this.key = config.stream().key();
    }

    /** Appends the pushes, a few hundred per round trip (MULTI/EXEC). */
    public void enqueue(List<Push> pushes) {
        for (int from = 0; from < pushes.size(); from += PIPELINE) {
            List<Push> chunk = pushes.subList(from, Math.min(pushes.size(), from + PIPELINE));
            redis.withTransaction(tx -> chunk.forEach(push ->
                    tx.stream(String.class, String.class, String.class).xadd(key, push.toFields())));
        }
    }
}
