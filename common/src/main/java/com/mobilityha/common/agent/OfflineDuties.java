package com.mobilityha.common.agent;

import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.redis.ReplicaAcks;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The owner of the agents' offline duties in Redis: the stream {@code mha:agent-offline-duties} (one
 * {@link OfflineDuty} per logout whose Connect step was not confirmed; session-service queues, connect-gateway
 * consumes it with a consumer group) and, per company, the set of the sessions whose duty is still to be
 * carried out ({@code mha:agent-offline-duties:pending:<company>}, which the console counts). A duty is queued in
 * one transaction with its pending mark and is on the replicas too before {@link #queue} returns
 * ({@link ReplicaAcks}), so a Redis master failover cannot lose it; the gateway clears the mark before it
 * acknowledges the entry, so a mark never outlives its duty for long (and expires a day after the company's
 * last queued duty whatever happens).
 */
@ApplicationScoped
public class OfflineDuties {
    /** How long a company's pending marks outlive its last queued duty: far beyond a duty's last retry. */
    static final Duration PENDING_KEPT = Duration.ofDays(1);

    private final RedisDataSource redis;
    private final ReplicaAcks acks;

    public OfflineDuties(RedisDataSource redis, ReplicaAcks acks) {
        this.redis = redis;
        this.acks = acks;
    }

    /** Queues the duty with its pending mark, acknowledged by the replicas (else a 503 {@code ReplicationLagException}). */
    public void queue(OfflineDuty duty) {
        Request xadd = Request.cmd(Command.XADD).arg(RedisKeys.agentOfflineDuties()).arg("*");
        duty.toFields().forEach((field, value) -> xadd.arg(field).arg(value));
        String pending = RedisKeys.pendingAgentOfflineDuties(duty.companyCode());
        List<Request> transaction = new ArrayList<>(List.of(Request.cmd(Command.MULTI), xadd,
                Request.cmd(Command.SADD).arg(pending).arg(duty.sessionId()),
                Request.cmd(Command.PEXPIRE).arg(pending).arg(PENDING_KEPT.toMillis()),
                Request.cmd(Command.EXEC)));
        if (acks.send(transaction).get(transaction.size() - 1) == null) {
            throw new IllegalStateException("Redis aborted the offline duty's transaction");
        }
    }

    /** The duty is carried out, superseded or given up: it is no longer pending (safe to repeat). */
    public void settled(OfflineDuty duty) {
        redis.set(String.class).srem(RedisKeys.pendingAgentOfflineDuties(duty.companyCode()), duty.sessionId());
    }

    /** How many of the company's duties are still to be carried out. */
    public long pending(String companyCode) {
        return redis.set(String.class).scard(RedisKeys.pendingAgentOfflineDuties(companyCode));
    }
}
