package com.mobilityha.notifier.stream;

import com.mobilityha.common.notification.NotificationPublisher;
import com.mobilityha.common.notification.Push;
import com.mobilityha.notifier.apns.ApnsSender;
import com.mobilityha.notifier.apns.SendOutcome;
import com.mobilityha.notifier.config.NotifierConfig;
import com.mobilityha.notifier.device.Device;
import com.mobilityha.notifier.device.DeviceRegistry;
import com.mobilityha.notifier.report.DeliveryReports;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Delivers the notification stream at least once. One dedicated thread per notifier reads its
 * consumer group, sends every entry of a batch concurrently (bounded by the APNs sender), and
 * acknowledges an entry only once every send result is known. Entries left pending by a notifier
 * that died or by transient failures are claimed again after {@code claim-idle} (XAUTOCLAIM);
 * after {@code max-deliveries} they go to the dead-letter stream.
 */
@ApplicationScoped
public class NotificationConsumer {
    private static final Logger LOG = Logger.getLogger(NotificationConsumer.class);
    private static final String ATTEMPTS = "mha:notifications:attempts";

    private final StreamCommands<String, String, String> streams;
    private final HashCommands<String, String, Long> attempts;
    private final DeviceRegistry devices;
    private final ApnsSender apns;
    private final DeliveryReports reports;
    private final NotifierConfig.Stream config;
    private final MeterRegistry metrics;
    private final String consumer = "notifier-" + UUID.randomUUID().toString().substring(0, 8);
    private volatile boolean running;
    private boolean groupReady;
    private Thread worker;

    NotificationConsumer(RedisDataSource redis, DeviceRegistry devices, ApnsSender apns, DeliveryReports reports,
                         NotifierConfig config, MeterRegistry metrics) {
        this.streams = redis.stream(String.class, String.class, String.class);
        this.attempts = redis.hash(String.class, String.class, Long.class);
        this.devices = devices;
        this.apns = apns;
        this.reports = reports;
        this.config = config.stream();
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        worker = new Thread(this::run, "notification-consumer");
        worker.setDaemon(true);
        worker.start();
        metrics.gauge("notifier.stream.pending", this, NotificationConsumer::pending);
        LOG.infof("Consumer %s reads %s in group %s", consumer, NotificationPublisher.STREAM, config.group());
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (worker != null) {
            worker.join(config.block().toMillis() + 5_000);
        }
    }

    private void run() {
        while (running) {
            try {
                ensureGroup();
                List<StreamMessage<String, String, String>> stalled = streams.xautoclaim(NotificationPublisher.STREAM, config.group(),
                        consumer, config.claimIdle(), "0-0", config.batchSize()).getMessages();
                deliver(stalled);
                deliver(streams.xreadgroup(config.group(), consumer, NotificationPublisher.STREAM, ">",
                        new XReadGroupArgs().count(config.batchSize()).block(config.block())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                groupReady = false;
                LOG.warnf("Notification stream unavailable, retrying: %s", e.getMessage());
                pause();
            }
        }
    }

    private void deliver(List<StreamMessage<String, String, String>> messages) throws InterruptedException {
        if (messages == null || messages.isEmpty()) {
            return;
        }
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
            long attempt = attempts.hincrby(ATTEMPTS, result.entryId(), 1);
            if (attempt < config.maxDeliveries()) {
                return; // stays pending; claimed again after claim-idle
            }
            streams.xadd(config.deadLetterKey(), result.push().toFields());
            failed += retry;
            LOG.warnf("Notification %s to session %s dead-lettered after %d attempts",
                    result.push().notificationId(), result.push().sessionId(), attempt);
        }
        reports.record(result.push().notificationId(), result.targets().size(), sent, failed, pruned);
        streams.xack(NotificationPublisher.STREAM, config.group(), result.entryId());
        attempts.hdel(ATTEMPTS, result.entryId());
    }

    /** Creates the stream and group once (and again after Redis errors, e.g. a failover to an empty replica). */
    private void ensureGroup() {
        if (groupReady) {
            return;
        }
        try {
            streams.xgroupCreate(NotificationPublisher.STREAM, config.group(), "0", new XGroupCreateArgs().mkstream());
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
                throw e;
            }
        }
        groupReady = true;
    }

    private double pending() {
        try {
            return streams.xpending(NotificationPublisher.STREAM, config.group()).getPendingCount();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The send results of one entry. */
    private record EntryResult(String entryId, Push push, List<Device> targets, List<SendOutcome> outcomes) {
        long count(SendOutcome outcome) {
            return outcomes.stream().filter(outcome::equals).count();
        }
    }
}
