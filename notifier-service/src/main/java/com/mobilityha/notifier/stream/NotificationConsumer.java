package com.mobilityha.notifier.stream;

import com.mobilityha.common.notification.NotificationPublisher;
import com.mobilityha.common.notification.Push;
import com.mobilityha.common.stream.ReliableStreamConsumer;
import com.mobilityha.notifier.apns.ApnsSender;
import com.mobilityha.notifier.apns.SendOutcome;
import com.mobilityha.notifier.config.NotifierConfig;
import com.mobilityha.notifier.device.Device;
import com.mobilityha.notifier.device.DeviceRegistry;
import com.mobilityha.notifier.report.DeliveryReports;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Delivers the notification stream at least once ({@link ReliableStreamConsumer}): every entry of
 * a batch is sent concurrently (bounded by the APNs sender) and acknowledged only once every send
 * result is known; transient failures leave it pending to be claimed again, and after
 * {@code max-deliveries} it goes to the dead-letter stream.
 */
@ApplicationScoped
public class NotificationConsumer {
    private static final Logger LOG = Logger.getLogger(NotificationConsumer.class);

    private final ReliableStreamConsumer stream;
    private final DeviceRegistry devices;
    private final ApnsSender apns;
    private final DeliveryReports reports;
    private final MeterRegistry metrics;

    NotificationConsumer(RedisDataSource redis, DeviceRegistry devices, ApnsSender apns, DeliveryReports reports,
                         NotifierConfig config, MeterRegistry metrics) {
        NotifierConfig.Stream settings = config.stream();
        this.stream = new ReliableStreamConsumer(redis, new ReliableStreamConsumer.Settings(NotificationPublisher.STREAM,
                settings.group(), settings.claimIdle(), settings.block(), settings.batchSize(),
                settings.maxDeliveries(), settings.deadLetterKey()), "notifier");
        this.devices = devices;
        this.apns = apns;
        this.reports = reports;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        stream.start("notification-consumer", this::deliver);
        metrics.gauge("notifier.stream.pending", stream, ReliableStreamConsumer::pending);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        stream.stop();
    }

    private void deliver(List<StreamMessage<String, String, String>> messages) throws InterruptedException {
        List<CompletableFuture<EntryResult>> results = new ArrayList<>(messages.size());
        for (StreamMessage<String, String, String> message : messages) {
            results.add(send(message));
        }
        for (CompletableFuture<EntryResult> result : results) {
            settle(result.join());
        }
    }

    private CompletableFuture<EntryResult> send(StreamMessage<String, String, String> message)
            throws InterruptedException {
        Push push = Push.fromFields(message.payload());
        List<Device> targets = devices.devices(push.sessionId());
        List<CompletableFuture<SendOutcome>> sends = new ArrayList<>(targets.size());
        for (Device device : targets) {
            sends.add(device.platform() == Device.Platform.APNS ? apns.send(device, push)
                    : CompletableFuture.completedFuture(SendOutcome.FAILED));
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                .thenApply(done -> new EntryResult(message.id(), push, targets,
                        sends.stream().map(CompletableFuture::join).toList()));
    }

    private void settle(EntryResult result) {
        long sent = result.count(SendOutcome.SENT);
        long failed = result.count(SendOutcome.FAILED);
        long pruned = 0;
        for (int i = 0; i < result.targets().size(); i++) {
            if (result.outcomes().get(i) == SendOutcome.PRUNE && devices.prune(result.push().sessionId(),
                    result.targets().get(i))) {
                pruned++;
            }
        }
        long retry = result.count(SendOutcome.RETRY);
        if (retry > 0) {
            if (stream.retryLater(result.entryId(), result.push().toFields())) {
                return; // stays pending; claimed again after claim-idle
            }
            failed += retry;
            LOG.warnf("Notification %s to session %s given up after its last attempt",
                    result.push().notificationId(), result.push().sessionId());
        }
        reports.record(result.push().notificationId(), result.targets().size(), sent, failed, pruned);
        stream.ack(result.entryId());
    }

    /** The send results of one entry. */
    private record EntryResult(String entryId, Push push, List<Device> targets, List<SendOutcome> outcomes) {
        long count(SendOutcome outcome) {
            return outcomes.stream().filter(outcome::equals).count();
        }
    }
}
