package com.mobilityha.systemtests.bench;

import com.mobilityha.common.testing.DevIdentityProvider;
import com.mobilityha.common.testing.FreePorts;
import com.mobilityha.common.testing.MockApnsFixture;
import com.mobilityha.common.testing.RedisProcess;
import com.mobilityha.common.testing.ServiceProcess;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * P1 and R2: a WAKE to 10 000 iPhones (one session each) queued on the notification stream, as a
 * site takeover queues it, and delivered by notifier-service to Pushy's mock APNs server over
 * HTTP/2. P1 compares it with raw Pushy sending the same pushes to the same server in the same run
 * (same concurrency bound, same JVM flags). R2 runs two notifiers and kills one (SIGKILL) in the middle. The mock
 * accepts every well-formed push without verifying each request's ES256 token, which would make
 * the mock, not the senders, the bottleneck (tests keep the verifying mock).
 */
final class PushFanOut {
    private static final int DEVICES = 10_000;
    private static final String TOPIC = "com.mobilityha.bench";
    private static final int MAX_IN_FLIGHT = 500;
    private static final Duration GIVE_UP = Duration.ofSeconds(120);

    private final Path dir;
    private final RedisProcess redis;
    private final MockApnsFixture apns;
    private final DevIdentityProvider idp;
    private final List<String> tokens = new ArrayList<>();

    private PushFanOut() throws IOException {
        dir = Files.createTempDirectory("fan-out-");
        redis = RedisProcess.start();
        apns = MockApnsFixture.startAcceptingAll(0, dir, TOPIC);
        idp = DevIdentityProvider.start(0);
        for (int i = 0; i < DEVICES; i++) {
            tokens.add(apns.newDeviceToken());
        }
        pipe(devices());
    }

    static String p1() throws Exception {
        PushFanOut bench = new PushFanOut();
        try {
            double rawBefore;
            double notifier;
            double rawAfter;
            try (ServiceProcess one = bench.notifier(Map.of())) {
                System.out.printf("warm-up: notifier %.2f s%n", bench.throughNotifier());
                rawBefore = bench.rawPushy();
                notifier = bench.throughNotifier();
                rawAfter = bench.rawPushy();
            }
            double raw = (rawBefore + rawAfter) / 2;
            System.out.printf("%nraw Pushy: %.2f s and %.2f s; notifier: %.2f s for %d pushes%n", rawBefore, rawAfter,
                    notifier, DEVICES);
            return String.format("P1 push fan-out through the notifier vs raw Pushy: x%.2f throughput (%d WAKE in "
                            + "%.2f s vs %.2f s = %.0f vs %.0f pushes/s; queued on the stream -> all accepted by mock "
                            + "APNs over HTTP/2; goal >= 0.8x and <= 5 s)",
                    raw / notifier, DEVICES, notifier, raw, DEVICES / notifier, DEVICES / raw);
        } finally {
            bench.close();
        }
    }

    static String r2() throws Exception {
        PushFanOut bench = new PushFanOut();
        try {
            Map<String, String> fastReclaim = Map.of("notifier.stream.claim-idle", "2s", "notifier.stream.batch-size", "50");
            try (ServiceProcess first = bench.notifier(fastReclaim); ServiceProcess second = bench.notifier(fastReclaim)) {
                long start = System.nanoTime();
                bench.publish();
                int killedAt = bench.awaitAccepted(DEVICES / 4);
                first.kill();
                System.out.printf("notifier %s killed (SIGKILL) after %d of %d pushes were accepted%n", first.pid(),
                        killedAt, DEVICES);
                long deadline = System.nanoTime() + GIVE_UP.toNanos();
                while (bench.apns.devicesReached() < DEVICES && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                long reached = bench.apns.devicesReached();
                double seconds = (System.nanoTime() - start) / 1e9;
                return String.format("R2 devices never reached: %d (of %d; one of two notifiers killed after %d "
                                + "pushes; the survivor reclaimed its pending entries; all reached after %.1f s; "
                                + "%d duplicate pushes, harmless with the collapse id)", DEVICES - reached, DEVICES,
                        killedAt, seconds, bench.apns.acceptedCount() - reached);
            }
        } finally {
            bench.close();
        }
    }

    /**
     * Seconds raw Pushy takes to have every push accepted, with the notifier's concurrency bound,
     * in a JVM started with the same flags as the services (-Xmx256m, SerialGC), so that the
     * baseline does not enjoy a bigger heap and a parallel collector the notifier does not have.
     */
    private double rawPushy() throws Exception {
        Path tokenFile = dir.resolve("tokens.txt");
        Files.write(tokenFile, tokens);
        Map<String, String> apnsSettings = apns.notifierProperties();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                RawPushySender.class.getName(), apnsSettings.get("notifier.apns.host"),
                apnsSettings.get("notifier.apns.port"), apnsSettings.get("notifier.apns.signing-key"),
                apnsSettings.get("notifier.apns.team-id"), apnsSettings.get("notifier.apns.key-id"),
                apnsSettings.get("notifier.apns.trusted-server-certificate"), TOPIC, tokenFile.toString(),
                String.valueOf(MAX_IN_FLIGHT)));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(GIVE_UP.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("raw Pushy sender failed: " + out);
        }
        String[] lines = out.split("\\R");
        return Double.parseDouble(lines[lines.length - 1]);
    }

    /** Seconds from queuing the WAKE entries until the mock APNs server accepted all of them. */
    private double throughNotifier() throws Exception {
        int before = apns.acceptedCount();
        long start = System.nanoTime();
        publish();
        awaitAccepted(before + DEVICES);
        return (System.nanoTime() - start) / 1e9;
    }

    private int awaitAccepted(int count) throws InterruptedException {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (apns.acceptedCount() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return apns.acceptedCount();
    }

    private ServiceProcess notifier(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(apns.notifierProperties());
        properties.put("notifier.apns.max-concurrent-sends", String.valueOf(MAX_IN_FLIGHT));
        properties.put("quarkus.redis.hosts", redis.uri());
        properties.put("quarkus.oidc.auth-server-url", idp.issuerUrl("mobility-admin"));
        properties.putAll(extra);
        return ServiceProcess.start("notifier-service", ServiceProcess.module("notifier-service"), FreePorts.next(),
                properties).awaitReady(Duration.ofSeconds(60));
    }

    /** One notification (report + one stream entry per session), as NotificationPublisher writes it. */
    private void publish() {
        String id = "bench-" + System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        resp(out, "HSET", "mha:notification:" + id, "companyCode", "acme", "kind", "WAKE", "createdAt",
                Instant.now().toString(), "sessions", String.valueOf(DEVICES), "targeted", "0", "sent", "0",
                "failed", "0", "pruned", "0");
        for (int i = 0; i < DEVICES; i++) {
            resp(out, "XADD", "mha:notifications", "*", "notificationId", id, "sessionId", "s" + i, "kind", "WAKE",
                    "companyCode", "acme", "collapseId", "wake-" + id,
                    "message", "Your mobility server changed. You are still signed in.");
        }
        pipe(out.toByteArray());
    }

    private byte[] devices() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String now = Instant.now().toString();
        for (int i = 0; i < DEVICES; i++) {
            String token = tokens.get(i);
            resp(out, "HSET", "mha:devices:s" + i, "APNS:" + token, "{\"platform\":\"APNS\",\"token\":\"" + token
                    + "\",\"appId\":\"" + TOPIC + "\",\"registeredAt\":\"" + now + "\"}");
        }
        return out.toByteArray();
    }

    private static void resp(ByteArrayOutputStream out, String... args) {
        StringBuilder command = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            command.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
        }
        out.writeBytes(command.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Mass insertion with {@code redis-cli --pipe} (one stream of commands, replies counted). */
    private void pipe(byte[] commands) {
        try {
            Process cli = new ProcessBuilder("redis-cli", "-p", String.valueOf(redis.port()), "--pipe")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("pipe.log").toFile()).start();
            try (OutputStream in = cli.getOutputStream()) {
                in.write(commands);
            }
            if (cli.waitFor() != 0) {
                throw new IllegalStateException("redis-cli --pipe failed: " + Files.readString(dir.resolve("pipe.log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void close() {
        apns.close();
        idp.close();
        redis.close();
    }
}
