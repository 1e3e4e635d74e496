package com.mobilityha.gateway.integration;

import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.stream.ReliableStreamConsumer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Delivers the call-event stream ({@link CallEvents}) to the CRM webhooks at least once, in order within a batch
 * (a CRM sees a call start before it ends): delivered or rejected events are acknowledged, events
 * no URL could take stay pending and are tried again after {@code retry-after}, up to
 * {@code max-deliveries} times, then dead-lettered. Any gateway of either site may deliver.
 */
@ApplicationScoped
public class WebhookDelivery {
    private static final String GROUP = "webhooks";
    /** Shorter than quarkus.redis.timeout, which bounds every blocking Redis call. */
    private static final Duration READ_BLOCK = Duration.ofSeconds(1);
    /** Delivered events are trimmed from the stream this often (by one gateway of either site). */
    private static final Duration TRIM_EVERY = Duration.ofSeconds(30);

    private final ReliableStreamConsumer stream;
    private final WebhookTargets targets;
    private final WebhookConfig config;
    private final MeterRegistry metrics;

    WebhookDelivery(RedisDataSource redis, WebhookTargets targets, WebhookConfig config, MeterRegistry metrics) {
        this.stream = new ReliableStreamConsumer(redis, new ReliableStreamConsumer.Settings(RedisKeys.callEvents(), GROUP,
                config.retryAfter(), READ_BLOCK, 50, config.maxDeliveries(), RedisKeys.callEventDeadLetters(),
                config.deadLetterLimit(), TRIM_EVERY), "gateway");
        this.targets = targets;
        this.config = config;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        if (!config.companies().isEmpty()) {
            stream.start("webhook-delivery", this::deliver);
            metrics.gauge("mobility.webhook.pending", stream, ReliableStreamConsumer::pending);
            stream.exportGauges(metrics);
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        stream.stop();
    }

    private void deliver(List<StreamMessage<String, String, String>> batch) {
        for (StreamMessage<String, String, String> message : batch) {
            CallEvent event = CallEvent.fromFields(message.payload());
            Timer.Sample sample = Timer.start(metrics);
            WebhookTargets.Delivery delivery = targets.deliver(event, message.id());
            sample.stop(metrics.timer("mobility.webhook.delivery", "company", event.companyCode(),
                    "target", delivery.target(), "outcome", delivery.outcome().name().toLowerCase(Locale.ROOT)));
            switch (delivery.outcome()) {
                case DELIVERED -> stream.ack(message.id());
                case REJECTED -> stream.deadLetter(message.id(), message.payload());
                case FAILED -> {
                    if (!stream.retryLater(message.id(), message.payload())) {
                        stream.ack(message.id());
                    }
                }
            }
        }
    }
}
