package com.mobilityha.simulator.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mobilityha.simulator.instance.AgentEventSink;
import com.mobilityha.simulator.instance.AwsError;
import com.mobilityha.simulator.instance.ConnectInstance;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent event streams of every instance: each agent's STATE_CHANGE becomes one AgentEvent record
 * (Amazon Connect admin guide, "Agent event streams data model", Version 2019-05-25) in the instance's
 * Kinesis stream, with the agent's ARN as partition key, so one agent's events stay in order.
 */
@ApplicationScoped
public class AgentEventStreams implements AgentEventSink {
    static final String VERSION = "2019-05-25";

    private final Map<String, KinesisStream> streams = new ConcurrentHashMap<>();
    private final ObjectMapper mapper;
    private final MeterRegistry metrics;
    private final Clock clock = Clock.systemUTC();

    AgentEventStreams(ObjectMapper mapper, MeterRegistry metrics) {
        this.mapper = mapper.copy().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        this.metrics = metrics;
    }

    @Override
    public void open(ConnectInstance instance) {
        streams.putIfAbsent(instance.agentEventStream(),
                new KinesisStream(instance.agentEventStream(), instance.agentEventStreamArn()));
    }

    @Override
    public void stateChanged(ConnectInstance instance, String agentArn, Map<String, Object> previous,
                             Map<String, Object> current) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("AWSAccountId", instance.accountId());
        event.put("AgentARN", agentArn);
        event.put("CurrentAgentSnapshot", current);
        event.put("EventId", UUID.randomUUID().toString());
        Instant now = clock.instant();
        event.put("EventTimestamp", now.toString());
        event.put("EventType", "STATE_CHANGE");
        event.put("InstanceARN", instance.arn(""));
        event.put("PreviousAgentSnapshot", previous);
        event.put("Version", VERSION);
        put(instance.agentEventStream(), agentArn, write(event), now);
    }

    /** Appends a raw record (tests: records a real stream may carry that are no agent event). */
    public void put(String streamName, String partitionKey, byte[] data, Instant arrival) {
        KinesisStream stream = streams.get(streamName);
        if (stream == null) {
            throw AwsError.notFound("Stream " + streamName + " not found");
        }
        stream.put(partitionKey, data, arrival);
        metrics.counter("simulator.agent.events", "stream", streamName).increment();
    }

    /** The stream named by a StreamName or StreamARN, or Kinesis's ResourceNotFoundException. */
    KinesisStream require(String nameOrArn) {
        if (nameOrArn != null) {
            boolean arn = nameOrArn.startsWith("arn:");
            KinesisStream stream = streams.get(arn ? nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1) : nameOrArn);
            if (stream != null && (!arn || stream.arn().equals(nameOrArn))) {
                return stream;
            }
        }
        throw new AwsError(400, "ResourceNotFoundException", "Stream " + nameOrArn + " under account not found.");
    }

    private byte[] write(Map<String, Object> event) {
        try {
            return mapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
