package com.mobilityha.gateway.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.instance.ConnectInstanceStates;
import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.gateway.health.ProbeLeases;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads each instance's agent event stream: one pod of all pods of both sites per instance (a lease
 * in Redis), one GetRecords per shard per poll (more while a full batch says it is behind, within
 * Kinesis's 5 per second; the shards listed once a minute). Each record is applied
 * ({@link CallsFromEvents}) or counted and skipped: a record that is no agent event, an event of an agent nobody serves, a record at or before the
 * checkpoint. The checkpoint (last sequence number applied, per shard, in Redis) is where any pod
 * resumes after a restart or a lease change; with none, reading starts at the newest record.
 * A pod that keeps failing to read hands the lease on: it may be its site that cannot reach Kinesis.
 */
@ApplicationScoped
public class AgentEventReader {
    private static final Logger LOG = Logger.getLogger(AgentEventReader.class);
    /** GetRecords calls per shard per poll at most while behind (Kinesis allows 5 per second per shard). */
    private static final int CATCH_UP_CALLS = 3;
    private static final int ATTEMPTS_PER_RECORD = 5;
    /** How long a stream's shard list is used before it is listed again (new shards after a resharding). */
    private static final Duration SHARD_LIST_REFRESH = Duration.ofMinutes(1);
    /** KEYS: checkpoint. ARGV: sequence number. Moves the checkpoint forward only (sequence numbers are decimal). */
    private static final String ADVANCE = """
            local current = redis.call('GET', KEYS[1])
            if not current or #ARGV[1] > #current or (#ARGV[1] == #current and ARGV[1] > current) then
              redis.call('SET', KEYS[1], ARGV[1])
            end
            return 1""";

    private final List<InstanceRef> instances;
    private final AgentEventSources sources;
    private final KinesisClients kinesis;
    private final CallsFromEvents calls;
    private final ProbeLeases leases;
    private final ConnectInstanceStates shared;
    private final RedisDataSource redis;
    private final AgentEventConfig config;
    private final ObjectMapper mapper;
    private final MeterRegistry metrics;
    private final Map<String, ShardPosition> positions = new HashMap<>();
    private final Map<String, ShardList> shardLists = new HashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();
    /** Records whose application failed for another reason than their content (Redis, a bug), by sequence number. */
    private final Map<String, Integer> recordFailures = new HashMap<>();
    /** Instances whose lease this pod handed on after failing, and until when (nanoTime) it leaves them to others. */
    private final Map<String, Long> standingAside = new HashMap<>();

    AgentEventReader(CompanyDirectory companies, AgentEventSources sources, KinesisClients kinesis,
                     CallsFromEvents calls, ProbeLeases leases, ConnectInstanceStates shared, RedisDataSource redis,
                     AgentEventConfig config, ObjectMapper mapper, MeterRegistry metrics) {
        this.instances = List.copyOf(companies.all().stream().flatMap(c -> c.connectInstances().stream())
                .collect(Collectors.toMap(InstanceRef::instanceId, i -> i, (a, b) -> a, LinkedHashMap::new)).values());
        this.sources = sources;
        this.kinesis = kinesis;
        this.calls = calls;
        this.leases = leases;
        this.shared = shared;
        this.redis = redis;
        this.config = config;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    @Scheduled(every = "${gateway.agent-events.poll-interval:1s}", delayed = "${gateway.agent-events.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void poll() {
        if (!config.enabled()) {
            return;
        }
        for (InstanceRef instance : instances) {
            try {
                Optional<String> stream = sources.streamOf(instance);
                if (stream.isEmpty() || standsAside(instance)
                        || !leases.holdEventReader(instance.instanceId(), shared.pod(), config.readerLease())) {
                    forget(instance);
                    continue;
                }
                read(instance, stream.get());
                failures.remove(instance.instanceId());
            } catch (RuntimeException e) {
                forget(instance);
                failed(instance, e);
            }
        }
    }

    /** A poll that failed; after a few in a row the lease goes to a pod that can read (maybe of the other site). */
    private void failed(InstanceRef instance, RuntimeException e) {
        int failed = failures.merge(instance.instanceId(), 1, Integer::sum);
        LOG.warnf("Agent events of instance %s not read (%d in a row): %s", instance.instanceId(), failed, e.getMessage());
        if (failed >= config.releaseAfterFailures()) {
            failures.remove(instance.instanceId());
            standingAside.put(instance.instanceId(), System.nanoTime() + config.readerLease().multipliedBy(3).toNanos());
            release(instance);
        }
    }

    /** Shutdown: another pod reads on at once (from the checkpoint) instead of after the lease lapses. */
    @PreDestroy
    synchronized void handOver() {
        instances.forEach(this::release);
    }

    private void release(InstanceRef instance) {
        try {
            leases.releaseEventReader(instance.instanceId(), shared.pod());
        } catch (RuntimeException e) {
            LOG.debugf("Agent event lease of %s not released: %s", instance.instanceId(), e.getMessage());
        }
    }

    private void read(InstanceRef instance, String streamArn) {
        KinesisClient client = kinesis.in(instance.region());
        for (Shard shard : shards(client, streamArn)) {
            ShardPosition position = positions.computeIfAbsent(instance.instanceId() + "/" + shard.shardId(),
                    key -> start(client, streamArn, shard.shardId()));
            for (int call = 0; call < CATCH_UP_CALLS && position.iterator() != null; call++) {
                GetRecordsResponse page;
                try {
                    page = client.getRecords(r -> r.streamARN(streamArn).shardIterator(position.iterator())
                            .limit(config.batchLimit()));
                } catch (ExpiredIteratorException e) {
                    positions.remove(instance.instanceId() + "/" + shard.shardId());
                    break;
                }
                applyAll(instance, page.records(), position);
                position.advance(page.nextShardIterator());
                if (!page.records().isEmpty()) {
                    redis.execute("EVAL", ADVANCE, "1", RedisKeys.agentEventCheckpoint(streamArn, shard.shardId()),
                            position.lastApplied());
                }
                if (page.records().size() < config.batchLimit()) {
                    break;
                }
            }
        }
    }

    private List<Shard> shards(KinesisClient client, String streamArn) {
        ShardList known = shardLists.get(streamArn);
        if (known == null || System.nanoTime() - known.listedAt() > SHARD_LIST_REFRESH.toNanos()) {
            known = new ShardList(client.listShards(r -> r.streamARN(streamArn)).shards(), System.nanoTime());
            shardLists.put(streamArn, known);
        }
        return known.shards();
    }

    private ShardPosition start(KinesisClient client, String streamArn, String shardId) {
        String checkpoint = redis.value(String.class, String.class).get(RedisKeys.agentEventCheckpoint(streamArn, shardId));
        String iterator = client.getShardIterator(r -> {
            r.streamARN(streamArn).shardId(shardId);
            if (checkpoint == null) {
                r.shardIteratorType(ShardIteratorType.LATEST);
            } else {
                r.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).startingSequenceNumber(checkpoint);
            }
        }).shardIterator();
        LOG.infof("Reading agent events of shard %s of %s from %s", shardId, streamArn,
                checkpoint == null ? "now on (no checkpoint)" : "after checkpoint " + checkpoint);
        return new ShardPosition(iterator, checkpoint);
    }

    private void applyAll(InstanceRef instance, List<Record> records, ShardPosition position) {
        for (Record record : records) {
            String outcome;
            if (position.lastApplied() != null
                    && new BigInteger(record.sequenceNumber()).compareTo(new BigInteger(position.lastApplied())) <= 0) {
                outcome = "stale";
            } else {
                outcome = apply(instance, record);
                position.applied(record.sequenceNumber());
            }
            metrics.counter("mobility.agent.events", "instance_id", instance.instanceId(), "outcome", outcome).increment();
        }
    }

    /**
     * Applies one record. One that is no agent event is skipped; one whose application fails otherwise
     * (Redis unreachable: the poll fails and the record is read again) is skipped after
     * {@value #ATTEMPTS_PER_RECORD} attempts, so that no record can stop the reader.
     */
    private String apply(InstanceRef instance, Record record) {
        try {
            AgentEvent event = AgentEvent.parse(record.data().asByteArray(), mapper);
            String outcome = calls.apply(event).name().toLowerCase(Locale.ROOT).replace('_', '-');
            recordFailures.remove(record.sequenceNumber());
            return outcome;
        } catch (AgentEvent.Malformed e) {
            LOG.infof("Agent event %s of instance %s skipped: %s", record.sequenceNumber(), instance.instanceId(),
                    e.getMessage());
            return "malformed";
        } catch (RuntimeException e) {
            if (recordFailures.merge(record.sequenceNumber(), 1, Integer::sum) < ATTEMPTS_PER_RECORD) {
                throw e;
            }
            recordFailures.remove(record.sequenceNumber());
            LOG.warnf(e, "Agent event %s of instance %s skipped after %d attempts", record.sequenceNumber(),
                    instance.instanceId(), ATTEMPTS_PER_RECORD);
            return "failed";
        }
    }

    private boolean standsAside(InstanceRef instance) {
        Long until = standingAside.get(instance.instanceId());
        return until != null && System.nanoTime() - until < 0;
    }

    private void forget(InstanceRef instance) {
        positions.keySet().removeIf(key -> key.startsWith(instance.instanceId() + "/"));
    }

    /** A stream's shards as last listed (System.nanoTime). */
    private record ShardList(List<Shard> shards, long listedAt) {
    }

    /** Where reading a shard goes on: the next iterator and the last sequence number applied. */
    private static final class ShardPosition {
        private String iterator;
        private String lastApplied;

        ShardPosition(String iterator, String lastApplied) {
            this.iterator = iterator;
            this.lastApplied = lastApplied;
        }

        String iterator() {
            return iterator;
        }

        String lastApplied() {
            return lastApplied;
        }

        void advance(String next) {
            iterator = next;
        }

        void applied(String sequenceNumber) {
            lastApplied = sequenceNumber;
        }
    }
}
