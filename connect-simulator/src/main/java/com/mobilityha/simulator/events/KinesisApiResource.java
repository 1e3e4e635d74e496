package com.mobilityha.simulator.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityha.simulator.fault.ConnectGuard;
import com.mobilityha.simulator.instance.AwsError;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kinesis Data Streams operations a polling consumer needs (ListShards, GetShardIterator,
 * GetRecords), on the JSON 1.1 wire format the AWS SDK sends with CBOR switched off
 * ({@code aws.cborEnabled=false}): {@code POST /}, {@code X-Amz-Target: Kinesis_20131202.<Operation>},
 * SigV4 for service {@code kinesis}. Shard read quotas as documented (5 GetRecords and 5
 * GetShardIterator calls per second per shard) answer ProvisionedThroughputExceededException.
 * Shard iterators expire after 5 minutes (ExpiredIteratorException).
 */
@Path("/")
public class KinesisApiResource {
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final String TARGET_PREFIX = "Kinesis_20131202.";
    private static final Duration ITERATOR_LIFETIME = Duration.ofMinutes(5);

    private final AgentEventStreams streams;
    private final ConnectGuard guard;
    private final ObjectMapper mapper;
    private final MeterRegistry metrics;
    private final ShardReadQuotas readQuotas;

    KinesisApiResource(AgentEventStreams streams, ShardReadQuotas readQuotas, ConnectGuard guard, ObjectMapper mapper,
                       MeterRegistry metrics) {
        this.streams = streams;
        this.readQuotas = readQuotas;
        this.guard = guard;
        this.mapper = mapper;
        this.metrics = metrics;
    }

    @POST
    @Consumes(CONTENT_TYPE)
    public Response call(@HeaderParam("X-Amz-Target") String target, String body, @Context HttpServerRequest request) {
        String operation = target != null && target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : "";
        try {
            guard.authenticate(request, "kinesis");
            JsonNode json = parse(body);
            Map<String, Object> answer = switch (operation) {
                case "ListShards" -> listShards(json);
                case "GetShardIterator" -> getShardIterator(json);
                case "GetRecords" -> getRecords(json);
                default -> throw new AwsError(400, "UnknownOperationException", "Unknown operation " + target);
            };
            metrics.counter("simulator.kinesis.requests", "operation", operation, "outcome", "ok").increment();
            return Response.ok(write(answer), CONTENT_TYPE).build();
        } catch (AwsError e) {
            metrics.counter("simulator.kinesis.requests", "operation", operation, "outcome", e.errorType()).increment();
            return Response.status(e.status()).type(CONTENT_TYPE).header("x-amzn-ErrorType", e.errorType())
                    .entity(write(Map.of("__type", e.errorType(), "message", e.getMessage()))).build();
        }
    }

    private Map<String, Object> listShards(JsonNode json) {
        KinesisStream stream = streams.require(streamOf(json));
        Map<String, Object> shard = new LinkedHashMap<>();
        shard.put("ShardId", KinesisStream.SHARD_ID);
        shard.put("HashKeyRange", Map.of("StartingHashKey", "0",
                "EndingHashKey", "340282366920938463463374607431768211455"));
        shard.put("SequenceNumberRange", Map.of("StartingSequenceNumber", KinesisStream.sequenceNumber(0)));
        return Map.of("Shards", List.of(shard));
    }

    private Map<String, Object> getShardIterator(JsonNode json) {
        KinesisStream stream = streams.require(streamOf(json));
        requireShard(json.path("ShardId").asText(null));
        readQuotas.take(stream, "GetShardIterator");
        String type = json.path("ShardIteratorType").asText("");
        long position = switch (type) {
            case "TRIM_HORIZON" -> stream.oldest();
            case "LATEST" -> stream.end();
            case "AT_SEQUENCE_NUMBER" -> startingPosition(json);
            case "AFTER_SEQUENCE_NUMBER" -> startingPosition(json) + 1;
            default -> throw invalidArgument("ShardIteratorType must be TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER or "
                    + "AFTER_SEQUENCE_NUMBER");
        };
        return Map.of("ShardIterator", ShardIterator.issue(stream.name(), position, Instant.now()));
    }

    private Map<String, Object> getRecords(JsonNode json) {
        ShardIterator iterator = ShardIterator.parse(json.path("ShardIterator").asText(null));
        if (iterator.issuedAt().plus(ITERATOR_LIFETIME).isBefore(Instant.now())) {
            throw new AwsError(400, "ExpiredIteratorException", "Iterator expired. The iterator was created at time "
                    + iterator.issuedAt() + " while right now it is " + Instant.now() + " which is further in the future "
                    + "than the tolerated delay of 300000 milliseconds.");
        }
        KinesisStream stream = streams.require(iterator.streamName());
        int limit = json.path("Limit").asInt(10_000);
        if (limit < 1 || limit > 10_000) {
            throw invalidArgument("Limit must be between 1 and 10000");
        }
        readQuotas.take(stream, "GetRecords");
        List<KinesisStream.Record> records = stream.read(iterator.position(), limit);
        List<Map<String, Object>> out = new ArrayList<>();
        for (KinesisStream.Record r : records) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("SequenceNumber", r.sequenceNumber());
            record.put("ApproximateArrivalTimestamp", r.arrival().toEpochMilli() / 1000.0);
            record.put("Data", Base64.getEncoder().encodeToString(r.data()));
            record.put("PartitionKey", r.partitionKey());
            out.add(record);
        }
        long next = records.isEmpty() ? Math.max(iterator.position(), stream.oldest())
                : records.get(records.size() - 1).position() + 1;
        Instant newest = stream.newestArrival();
        long behind = records.isEmpty() || newest == null || next >= stream.end() ? 0
                : Duration.between(records.get(records.size() - 1).arrival(), newest).toMillis();
        return Map.of("Records", out, "NextShardIterator", ShardIterator.issue(stream.name(), next, Instant.now()),
                "MillisBehindLatest", behind);
    }

    private static String streamOf(JsonNode json) {
        String arn = json.path("StreamARN").asText(null);
        return arn != null ? arn : json.path("StreamName").asText(null);
    }

    private static void requireShard(String shardId) {
        if (!KinesisStream.SHARD_ID.equals(shardId)) {
            throw new AwsError(400, "ResourceNotFoundException", "Shard " + shardId + " does not exist");
        }
    }

    private static long startingPosition(JsonNode json) {
        long position = KinesisStream.position(json.path("StartingSequenceNumber").asText(null));
        if (position < 0) {
            throw invalidArgument("StartingSequenceNumber is not a sequence number of this shard");
        }
        return position;
    }

    private JsonNode parse(String body) {
        try {
            JsonNode json = body == null || body.isBlank() ? mapper.createObjectNode() : mapper.readTree(body);
            if (!json.isObject()) {
                throw new AwsError(400, "SerializationException", "Request body must be a JSON object");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new AwsError(400, "SerializationException", "Request body could not be deserialized");
        }
    }

    /** JSON 1.1 bodies are JSON, under a content type the JSON writers do not claim. */
    private String write(Map<String, Object> body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static AwsError invalidArgument(String message) {
        return new AwsError(400, "InvalidArgumentException", message);
    }

    /** An opaque shard iterator: the stream, the next position to read and when it was issued. */
    record ShardIterator(String streamName, long position, Instant issuedAt) {
        static String issue(String streamName, long position, Instant now) {
            String raw = streamName + "\n" + position + "\n" + now.toEpochMilli();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static ShardIterator parse(String token) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n");
                return new ShardIterator(parts[0], Long.parseLong(parts[1]), Instant.ofEpochMilli(Long.parseLong(parts[2])));
            } catch (RuntimeException e) {
                throw invalidArgument("Invalid ShardIterator");
            }
        }
    }
}
