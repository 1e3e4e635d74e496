package com.mobilityha.localstack.push;

import com.eatthepath.pushy.apns.ApnsPushNotification;
import com.eatthepath.pushy.apns.auth.ApnsVerificationKey;
import com.eatthepath.pushy.apns.server.AcceptAllPushNotificationHandlerFactory;
import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.ParsingMockApnsServerListenerAdapter;
import com.eatthepath.pushy.apns.server.PushNotificationHandlerFactory;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.ValidatingPushNotificationHandlerFactory;
import com.mobilityha.localstack.pki.TestPki;
import com.mobilityha.localstack.process.FreePorts;
import com.mobilityha.localstack.pki.TestPki;
import com.mobilityha.localstack.process.Poll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pushy's {@link MockApnsServer} (HTTP/2 over TLS, the real APNs protocol) for tests and the demo.
 * It validates token authentication against the generated signing key, knows the device tokens it
 * issued ({@link #newDeviceToken()}), answers 410 Unregistered for expired ones and 400 for unknown
 * ones, and records every accepted notification.
 */
public final class MockApnsFixture implements AutoCloseable {
    private final MockApnsServer server;
    private final int port;
    private final String topic;
    private final TestPki pki;
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> expirations = new ConcurrentHashMap<>();
    /** Appended to by the server's I/O thread for every push: a copy-on-write list would copy itself each time. */
    private final Queue<ApnsPushNotification> accepted = new ConcurrentLinkedQueue<>();
    private final Map<String, Queue<Delivery>> deliveries = new ConcurrentHashMap<>();
    private final AtomicInteger acceptedCount = new AtomicInteger();
    private final Set<String> reached = ConcurrentHashMap.newKeySet();
    private final List<RejectionReason> rejected = new CopyOnWriteArrayList<>();

    private MockApnsFixture(int port, String topic, TestPki pki, boolean validating)
            throws IOException, GeneralSecurityException {
        this.port = port;
        this.topic = topic;
        this.pki = pki;
        ApnsVerificationKey key = ApnsVerificationKey.loadFromPkcs8File(pki.verificationKey().toFile(), TestPki.TEAM_ID,
                TestPki.KEY_ID);
        PushNotificationHandlerFactory handler = validating
                ? new ValidatingPushNotificationHandlerFactory(Map.of(topic, tokens), expirations,
                        Map.of(TestPki.KEY_ID, key), Map.of(key, Set.of(topic)))
                : new AcceptAllPushNotificationHandlerFactory();
        this.server = new MockApnsServerBuilder()
                .setServerCredentials(pki.serverCertificate().toFile(), pki.serverPrivateKey().toFile(), null)
                .setHandlerFactory(handler)
                .setListener(new ParsingMockApnsServerListenerAdapter() {
                    @Override
                    public void handlePushNotificationAccepted(ApnsPushNotification notification) {
                        accepted.add(notification);
                        deliveries.computeIfAbsent(notification.getToken(), t -> new ConcurrentLinkedQueue<>())
                                .add(new Delivery(notification.getPayload(), System.nanoTime()));
                        reached.add(notification.getToken());
                        acceptedCount.incrementAndGet();
                    }

                    @Override
                    public void handlePushNotificationRejected(ApnsPushNotification notification,
                                                               RejectionReason reason, Instant expiration) {
                        rejected.add(reason);
                    }
                })
                .build();
    }

    /**
     * Starts on {@code port} (0 = free) with a fresh PKI in {@code dir}, accepting pushes for
     * {@code topic} to its device tokens only, each request's token authentication verified as APNs does.
     */
    public static MockApnsFixture start(int port, Path dir, String topic) {
        return start(port, dir, topic, true);
    }

    /**
     * Like {@link #start(int, Path, String)}, but accepting every well-formed push without
     * verifying each request's ES256 token (which costs the mock more CPU than the sender): for
     * throughput benchmarks, where the mock must not be the bottleneck.
     */
    public static MockApnsFixture startAcceptingAll(int port, Path dir, String topic) {
        return start(port, dir, topic, false);
    }

    /**
     * A second server trusting the same signing key and serving under the same CA, as APNs' sandbox
     * environment does for the team's key; it knows only the device tokens it issues itself.
     */
    public MockApnsFixture startSandbox() {
        return start(0, pki, topic, true);
    }

    private static MockApnsFixture start(int port, Path dir, String topic, boolean validating) {
        return start(port, TestPki.create(dir.resolve("apns-pki")), topic, validating);
    }

    private static MockApnsFixture start(int port, TestPki pki, String topic, boolean validating) {
        int actual = port == 0 ? FreePorts.next() : port;
        try {
            MockApnsFixture fixture = new MockApnsFixture(actual, topic, pki, validating);
            fixture.server.start(actual).get();
            return fixture;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | ExecutionException e) {
            throw new IllegalStateException("Cannot start the mock APNs server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A device token APNs issued to a device of the app (64 hex digits). */
    public String newDeviceToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        tokens.add(token);
        return token;
    }

    /** The app was uninstalled: APNs answers 410 Unregistered for this token from now on. */
    public void unregister(String token) {
        expirations.put(token, Instant.now());
    }

    /** Notifier settings pointing at this server (system properties or config). */
    public Map<String, String> notifierProperties() {
        return Map.of("notifier.apns.host", "127.0.0.1",
                "notifier.apns.port", String.valueOf(port),
                "notifier.apns.team-id", TestPki.TEAM_ID,
                "notifier.apns.key-id", TestPki.KEY_ID,
                "notifier.apns.signing-key", pki.signingKey().toString(),
                "notifier.apns.trusted-server-certificate", pki.caCertificate().toString());
    }

    /** Notifications accepted for this device token, oldest first. */
    public List<ApnsPushNotification> receivedBy(String token) {
        return accepted.stream().filter(n -> n.getToken().equals(token)).toList();
    }

    /** What this device received, oldest first, with when each arrived. */
    public List<Delivery> deliveriesTo(String token) {
        return List.copyOf(deliveries.getOrDefault(token, new ConcurrentLinkedQueue<>()));
    }

    /** How many notifications were accepted so far (cheap to poll). */
    public int acceptedCount() {
        return acceptedCount.get();
    }

    /** How many distinct device tokens received at least one notification. */
    public long devicesReached() {
        return reached.size();
    }

    public List<ApnsPushNotification> accepted() {
        return List.copyOf(accepted);
    }

    public List<RejectionReason> rejected() {
        return List.copyOf(rejected);
    }

    /** Waits until this device received at least one notification. */
    public boolean awaitDelivery(String token, Duration timeout) {
        return Poll.until(() -> !receivedBy(token).isEmpty(), timeout);
    }

    public String topic() {
        return topic;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.shutdown().join();
    }
}
