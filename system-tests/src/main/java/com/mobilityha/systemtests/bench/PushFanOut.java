package com.mobilityha.systemtests.bench;


import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.localstack.identity.DevIdentityProvider;
import com.mobilityha.localstack.process.FreePorts;
import com.mobilityha.localstack.process.ServiceProcess;
import com.mobilityha.localstack.push.MockApnsFixture;
import com.mobilityha.localstack.redis.RedisProcess;
import com.mobilityha.localstack.redis.RedisSecurity;
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
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

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
    /** Fan-outs each sender does before the measured one, so that both are measured with their hot code compiled. */
    static final int WARM_UP_ROUNDS = 3;
    /** Measured fan-outs per sender and turn; a turn's figure is their median (one takes ~0.5 s, noisy alone). */
    static final int MEASURED_ROUNDS = 5;
    private static final Duration GIVE_UP = Duration.ofSeconds(120);
    /** A notifier's start on a machine at load 30 took 106 s. */
    private static final Duration STARTUP = Duration.ofSeconds(300);

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
            Run rawBefore;
            Run notifier;
            Run live;
            Run rawAfter;
            try (ServiceProcess one = bench.notifier(Map.of())) {
                for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                    System.out.printf("warm-up: notifier %.2f s (entries written meanwhile)%n",
                            bench.throughNotifier(one).seconds());
                }
                rawBefore = bench.rawPushy();
                notifier = bench.queuedThroughNotifier(one);
                live = bench.liveThroughNotifier(one);
                rawAfter = bench.rawPushy();
            }
            double raw = (rawBefore.seconds() + rawAfter.seconds()) / 2;
            double rawCpu = (rawBefore.senderCpu() + rawAfter.senderCpu()) / 2;
            System.out.printf("%nmedians of %d rounds: raw Pushy %.2f s and %.2f s; notifier %.2f s queued, %.2f s live, "
                            + "for %d pushes%n", MEASURED_ROUNDS, rawBefore.seconds(), rawAfter.seconds(),
                    notifier.seconds(), live.seconds(), DEVICES);
            System.out.printf("sender CPU per push: raw Pushy %.0f us; notifier %.0f us + Redis %.0f us (queued), "
                            + "%.0f us + Redis %.0f us (live, Redis writing the entries too)%n",
                    rawCpu / DEVICES * 1e6, notifier.senderCpu() / DEVICES * 1e6, notifier.redisCpu() / DEVICES * 1e6,
                    live.senderCpu() / DEVICES * 1e6, live.redisCpu() / DEVICES * 1e6);
            return String.format("P1 push fan-out through the notifier vs raw Pushy: x%.2f throughput queued, x%.2f live "
                            + "(%d WAKE in %.2f s queued on the stream, %.2f s with the entries written meanwhile as a "
                            + "takeover writes them, vs %.2f s raw = %.0f, %.0f vs %.0f pushes/s, until all accepted by "
                            + "mock APNs over HTTP/2; sender CPU %.0f+%.0f (Redis) vs %.0f us per push; "
                            + "goal >= 0.9x both)",
                    raw / notifier.seconds(), raw / live.seconds(), DEVICES, notifier.seconds(), live.seconds(), raw,
                    DEVICES / notifier.seconds(), DEVICES / live.seconds(), DEVICES / raw,
                    notifier.senderCpu() / DEVICES * 1e6, notifier.redisCpu() / DEVICES * 1e6, rawCpu / DEVICES * 1e6);
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
    private Run rawPushy() throws Exception {
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
        List<Run> rounds = new ArrayList<>();
        for (String line : out.split("\\R")) {
            String[] figures = line.split(" ");
            rounds.add(new Run(Double.parseDouble(figures[0]), Double.parseDouble(figures[1]), 0));
        }
        return Run.median(rounds);
    }

    /** Live: from writing the WAKE entries (the notifier reading them meanwhile) until the mock accepted all. */
    private Run throughNotifier(ServiceProcess notifier) throws Exception {
        return timed(notifier, () -> {
            publish();
            return System.nanoTime();
        });
    }

    /** The median of {@link #MEASURED_ROUNDS} live fan-outs ({@link #throughNotifier}). */
    private Run liveThroughNotifier(ServiceProcess notifier) throws Exception {
        return medianOfRounds(() -> throughNotifier(notifier));
    }

    private static Run medianOfRounds(Callable<Run> round) throws Exception {
        List<Run> rounds = new ArrayList<>();
        for (int i = 0; i < MEASURED_ROUNDS; i++) {
            rounds.add(round.call());
        }
        return Run.median(rounds);
    }

    /**
     * Measured like the raw sender, with the work handed over at once: the notifier is stopped
     * (SIGSTOP) while the entries are written, and timed from its SIGCONT until the mock accepted all.
     */
    private Run queuedThroughNotifier(ServiceProcess notifier) throws Exception {
        return medianOfRounds(() -> queuedRound(notifier));
    }

    private Run queuedRound(ServiceProcess notifier) throws Exception {
        notifier.freeze();
        publish();
        return timed(notifier, () -> {
            notifier.thaw();
            return System.nanoTime();
        });
    }

    private Run timed(ServiceProcess notifier, Callable<Long> startFanOut) throws Exception {
        int before = apns.acceptedCount();
        double notifierCpu = cpuSeconds(notifier.pid());
        double redisCpu = cpuSeconds(redis.pid());
        long start = System.nanoTime();
        startFanOut.call();
        awaitAccepted(before + DEVICES);
        return new Run((System.nanoTime() - start) / 1e9, cpuSeconds(notifier.pid()) - notifierCpu,
                cpuSeconds(redis.pid()) - redisCpu);
    }

    private static double cpuSeconds(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration())
                .map(cpu -> cpu.toMillis() / 1000.0).orElse(0.0);
    }

    /** One fan-out: wall seconds and the CPU seconds the sender (and Redis, for the notifier) spent. */
    private record Run(double seconds, double senderCpu, double redisCpu) {
        /** Each figure's median over the rounds. */
        static Run median(List<Run> rounds) {
            return new Run(median(rounds, Run::seconds), median(rounds, Run::senderCpu), median(rounds, Run::redisCpu));
        }

        private static double median(List<Run> rounds, ToDoubleFunction<Run> figure) {
            double[] values = rounds.stream().mapToDouble(figure).sorted().toArray();
            return values[values.length / 2];
        }
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
        properties.putAll(redis.serviceProperties("notifier-service"));
        properties.put("quarkus.oidc.auth-server-url", idp.issuerUrl("mobility-admin"));
        properties.putAll(extra);
        return ServiceProcess.start("notifier-service", ServiceProcess.module("notifier-service"), FreePorts.next(),
                properties).awaitReady(STARTUP);
    }

    /** One notification (report + one stream entry per session), as NotificationPublisher writes it. */
    private void publish() {
        String id = "bench-" + System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        resp(out, "HSET", RedisKeys.notificationReport(id), "companyCode", "acme", "kind", "WAKE", "createdAt",
                Instant.now().toString(), "sessions", String.valueOf(DEVICES), "targeted", "0", "sent", "0",
                "failed", "0", "pruned", "0");
        for (int i = 0; i < DEVICES; i++) {
            resp(out, "XADD", RedisKeys.notifications(), "*", "notificationId", id, "sessionId", "s" + i, "kind", "WAKE",
                    "companyCode", "acme", "collapseId", "wake-" + id,
                    "message", "Your mobility server changed. You are still signed in.");
        }
        pipe(out.toByteArray());
    }

    private byte[] devices() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long now = Instant.now().toEpochMilli();
        for (int i = 0; i < DEVICES; i++) {
            String token = tokens.get(i);
            resp(out, "HSET", RedisKeys.devices("s" + i), "APNS:" + token, "{\"platform\":\"APNS\",\"token\":\"" + token
                    + "\",\"appId\":\"" + TOPIC + "\",\"registeredAt\":" + now + "}");
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
            List<String> command = new ArrayList<>(List.of("redis-cli", "-p", String.valueOf(redis.port())));
            command.addAll(RedisSecurity.local().cliArguments(RedisSecurity.ADMIN));
            command.add("--pipe");
            Process cli = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("pipe.log").toFile()).start();
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
