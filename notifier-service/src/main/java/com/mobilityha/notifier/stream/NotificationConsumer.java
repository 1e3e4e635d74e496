package com.mobilityha.notifier.stream;

import com.mobilityha.common.notification.DeliveryCounts;
import com.mobilityha.common.notification.NotificationReports;
import com.mobilityha.common.notification.Push;
import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.stream.ReliableStreamConsumer;
import com.mobilityha.notifier.config.NotifierConfig;
import com.mobilityha.notifier.device.Device;
import com.mobilityha.notifier.device.DeviceRegistry;
import com.mobilityha.notifier.push.PushSenders;
import com.mobilityha.notifier.push.SendOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Delivers the notification stream at least once ({@link ReliableStreamConsumer}): every entry of
 * a batch is sent concurrently (through the sender of each device's platform, which bounds its sends
 * across batches, on a sending thread while the reader reads the next batch and its devices) and
 * acknowledged only once every send result is known; transient failures leave it
 * pending to be claimed again, and after {@code max-deliveries} it goes to the dead-letter stream; what every
 * consumer group acknowledged is trimmed from the stream every {@code trim-every}. Each
 * entry's sends are traced in the trace of its publisher ({@link FanOutTracing}).
 */
@ApplicationScoped
public class NotificationConsumer {
    private static final Logger LOG = Logger.getLogger(NotificationConsumer.class);

    private final ReliableStreamConsumer stream;
    private final DeviceRegistry devices;
    private final PushSenders senders;
    private final NotificationReports reports;
    private final MeterRegistry metrics;
    private final FanOutTracing tracing;
    /**
     * Starts the sends of one batch after the other (each send waits for a free slot of its sender), so that the
     * reader reads the next batch and its devices meanwhile instead of waiting for slots.
     */
    private final ExecutorService sending = daemonThread("notification-send");
    /** The batch being started by {@link #sending}: the reader waits for it before handing over the one it read ahead. */
    private final Semaphore batchesAhead = new Semaphore(1);
    /** Settles batches in order while the reader goes on with the next ones (sends stay bounded by the senders). */
    private final ExecutorService settling = daemonThread("notification-settle");

    NotificationConsumer(RedisDataSource redis, DeviceRegistry devices, PushSenders senders,
                         NotificationReports reports, NotifierConfig config, MeterRegistry metrics, FanOutTracing tracing) {
        NotifierConfig.Stream settings = config.stream();
        this.stream = new ReliableStreamConsumer(redis, new ReliableStreamConsumer.Settings(RedisKeys.notifications(),
                settings.group(), settings.claimIdle(), settings.block(), settings.batchSize(),
                settings.maxDeliveries(), RedisKeys.notificationDeadLetters(), settings.deadLetterLimit(),
                settings.trimEvery()), "notifier");
        this.devices = devices;
        this.senders = senders;
        this.reports = reports;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    void start(@Observes StartupEvent event) {
        stream.start("notification-consumer", this::deliver);
        metrics.gauge("notifier.stream.pending", stream, ReliableStreamConsumer::pending);
        stream.exportGauges(metrics);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        stream.stop();
        sending.shutdown();
        sending.awaitTermination(10, TimeUnit.SECONDS);
        settling.shutdown();
        settling.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static ExecutorService daemonThread(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * One batch: the devices of every entry in one round trip, then handed to the sending thread once it has
     * started the previous batch's sends, and the reader goes on reading ahead. Once a batch's sends are all
     * answered, the settling thread acknowledges the settled entries and adds their report counters together.
     * A batch not sent (the notifier stopping) stays pending and is claimed again after claim-idle.
     */
    private void deliver(List<StreamMessage<String, String, String>> batch) throws InterruptedException {
        List<StreamMessage<String, String, String>> messages = new ArrayList<>(batch.size());
        List<Push> pushes = new ArrayList<>(batch.size());
        for (StreamMessage<String, String, String> message : batch) {
            readable(message).ifPresent(push -> {
                messages.add(message);
                pushes.add(push);
            });
        }
        Map<String, List<Device>> targets = devices.devicesOf(pushes.stream().map(Push::sessionId).distinct().toList());
        batchesAhead.acquire();
        try {
            sending.execute(() -> {
                try {
                    sendAll(messages, pushes, targets);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    LOG.warnf("Batch not sent, its entries will be claimed again: %s", e.toString());
                } finally {
                    batchesAhead.release();
                }
            });
        } catch (RejectedExecutionException stopping) {
            batchesAhead.release();
        }
    }

    private void sendAll(List<StreamMessage<String, String, String>> messages, List<Push> pushes,
                         Map<String, List<Device>> targets) throws InterruptedException {
        List<CompletableFuture<EntryResult>> results = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            StreamMessage<String, String, String> message = messages.get(i);
            Push push = pushes.get(i);
            List<Device> devicesOfPush = targets.getOrDefault(push.sessionId(), List.of());
            results.add(tracing.fanOut(message, push, devicesOfPush.size(), () -> send(message.id(), push, devicesOfPush)));
        }
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).thenRunAsync(() -> {
            List<String> settled = new ArrayList<>();
            Map<String, DeliveryCounts> counts = new HashMap<>();
            try {
                for (CompletableFuture<EntryResult> result : results) {
                    settle(result.join(), settled, counts);
                }
                reports.addAll(counts);
                stream.ackAll(settled);
            } catch (RuntimeException e) {
                LOG.warnf("Batch not settled, its entries will be claimed again: %s", e.toString());
            }
        }, settling);
    }

    /**
     * The push an entry holds; an entry this version cannot read (a kind it does not know, written
     * by a newer publisher during an upgrade, or a damaged entry) goes to the dead-letter stream on
     * its own, so that the entries read with it are still delivered.
     */
    private Optional<Push> readable(StreamMessage<String, String, String> message) {
        try {
            return Optional.of(Push.fromFields(message.payload()));
        } catch (IllegalArgumentException | NullPointerException unreadable) {
            LOG.warnf("Stream entry %s is not a push this notifier can read (%s); set aside as a dead letter",
                    message.id(), unreadable.toString());
            metrics.counter("notifier.stream.unreadable").increment();
            stream.deadLetter(message.id(), message.payload());
            return Optional.empty();
        }
    }

    private CompletableFuture<EntryResult> send(String entryId, Push push, List<Device> targets)
            throws InterruptedException {
        List<CompletableFuture<SendOutcome>> sends = new ArrayList<>(targets.size());
        for (Device device : targets) {
            sends.add(senders.send(device, push));
        }
        if (sends.size() == 1) { // the common case: one device per session
            return sends.get(0).thenApply(outcome -> new EntryResult(entryId, push, targets, List.of(outcome)));
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                .thenApply(done -> new EntryResult(entryId, push, targets,
                        sends.stream().map(CompletableFuture::join).toList()));
    }

    /** Decides one entry: settled (counted, to acknowledge) or left pending for a retry. */
    private void settle(EntryResult result, List<String> settled, Map<String, DeliveryCounts> counts) {
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
                if (pruned > 0) { // final already: a pruned device is not in the registry when the entry comes back
                    counts.merge(result.push().notificationId(), new DeliveryCounts(pruned, 0, 0, pruned),
                            DeliveryCounts::plus);
                }
                return; // stays pending; claimed again after claim-idle
            }
            failed += retry;
            LOG.warnf("Notification %s to session %s given up after its last attempt",
                    result.push().notificationId(), result.push().sessionId());
        }
        counts.merge(result.push().notificationId(),
                new DeliveryCounts(result.targets().size(), sent, failed, pruned), DeliveryCounts::plus);
        settled.add(result.entryId());
    }

    /** The send results of one entry. */
    private record EntryResult(String entryId, Push push, List<Device> targets, List<SendOutcome> outcomes) {
        long count(SendOutcome outcome) {
            return outcomes.stream().filter(outcome::equals).count();
        }
    }
}
