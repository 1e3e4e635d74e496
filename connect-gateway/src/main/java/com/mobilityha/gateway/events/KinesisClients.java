package com.mobilityha.gateway.events;

import com.mobilityha.gateway.connect.ConnectClients;
import com.mobilityha.gateway.connect.ConnectConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One long-lived {@link KinesisClient} per Region, speaking JSON 1.1: the SDK's CBOR is switched off
 * the documented way ({@code aws.cborEnabled=false}, read when a client is built; Kinesis accepts
 * both). No SDK retries: a failed poll is simply the next poll's work.
 */
@ApplicationScoped
public class KinesisClients {
    private final Map<String, KinesisClient> byRegion = new ConcurrentHashMap<>();
    private final AgentEventConfig config;
    private final ConnectConfig connect;
    private final AwsCredentialsProvider credentials;

    KinesisClients(AgentEventConfig config, ConnectConfig connect) {
        this.config = config;
        this.connect = connect;
        this.credentials = ConnectClients.credentials(connect);
    }

    public KinesisClient in(String region) {
        return byRegion.computeIfAbsent(region, this::build);
    }

    @PreDestroy
    void close() {
        byRegion.values().forEach(KinesisClient::close);
    }

    private KinesisClient build(String region) {
        System.setProperty("aws.cborEnabled", "false");
        KinesisClientBuilder builder = ConnectClients.configured(KinesisClient.builder(), region, connect, credentials);
        config.endpointOverride().or(connect::endpointOverride).ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
