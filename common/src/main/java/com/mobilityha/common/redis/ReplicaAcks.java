package com.mobilityha.common.redis;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes that an API promises will survive a Redis master failover (a session created or ended, a
 * notification answered 202, an audit entry, a RELOGIN mark) are sent as one pipelined batch followed by
 * {@code WAIT} ({@link WriteAckConfig}), on one pooled connection: Redis acknowledges the writes of the
 * connection that made them, and no connection is held between commands. Fewer replicas than required
 * in time: {@link ReplicationLagException} (503), the write perhaps on the master alone.
 */
@ApplicationScoped
public class ReplicaAcks {
    /** The Redis round trip of one batch, on top of the replicas' acknowledgement timeout. */
    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(2);

    private final RedisDataSource redis;
    private final int replicas;
    private final Duration timeout;

    @Inject
    ReplicaAcks(RedisDataSource redis, WriteAckConfig config) {
        this(redis, config.replicas(), config.timeout());
    }

    /** Waiting for {@code replicas} (0: none) up to {@code timeout}; e.g. for contract tests of the records. */
    public ReplicaAcks(RedisDataSource redis, int replicas, Duration timeout) {
        this.redis = redis;
        this.replicas = replicas;
        this.timeout = timeout;
    }

    /** Sends the writes in one batch, acknowledged by the configured replicas; the writes' answers. */
    public List<Response> send(List<Request> writes) {
        List<Request> batch = new ArrayList<>(writes);
        if (replicas > 0) {
            batch.add(Request.cmd(Command.WAIT).arg(replicas).arg(timeout.toMillis()));
        }
        List<Response> answers = redis.getReactive().getRedis().batch(batch).await().atMost(BATCH_TIMEOUT.plus(timeout));
        if (replicas > 0) {
            long acknowledged = answers.get(answers.size() - 1).toLong();
            if (acknowledged < replicas) {
                throw new ReplicationLagException(acknowledged, replicas);
            }
            return answers.subList(0, writes.size());
        }
        return answers;
    }
}
