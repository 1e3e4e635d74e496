package com.mobilityha.localstack.redis;

import com.mobilityha.localstack.process.ChildProcesses;
import com.mobilityha.localstack.process.FreePorts;
import com.mobilityha.localstack.process.Signals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
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
 * A real {@code redis-server} on a loopback port, without persistence, for tests, the demo and
 * the benchmarks, secured as in production ({@link RedisSecurity}: TLS only, ACL users). It can be
 * killed (SIGKILL) or frozen (SIGSTOP) to test failover.
 */
public final class RedisProcess implements AutoCloseable {
    private final int port;
    private final Process process;

    private RedisProcess(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** Starts redis-server on a free port and waits until it accepts connections. */
    public static RedisProcess start() {
        return start(FreePorts.next(), List.of());
    }

    /** Starts redis-server on {@code port} with extra arguments (e.g. {@code --replicaof}). */
    public static RedisProcess start(int port, List<String> extraArgs) {
        String binary = System.getenv().getOrDefault("REDIS_SERVER", "redis-server");
        try {
            // Its own directory: a replica's full sync writes an RDB file there, and a node started
            // where an old one lies would load stale data.
            Path dir = Files.createTempDirectory("redis-" + port + "-");
            List<String> configuration = new ArrayList<>(List.of("bind 127.0.0.1", "save \"\"", "appendonly no",
                    "protected-mode no", "dir " + dir));
            configuration.addAll(RedisSecurity.local().nodeConfiguration(port));
            Path conf = Files.writeString(dir.resolve("redis.conf"), String.join("\n", configuration) + "\n");
            List<String> command = new ArrayList<>(List.of(binary, conf.toString()));
            command.addAll(extraArgs);
            Path log = dir.resolve("redis.log");
            Process process = ChildProcesses.start(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()));
            RedisProcess redis = new RedisProcess(port, process);
            redis.awaitListening(Duration.ofSeconds(10));
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + binary + " (apt-get install -y redis-server)", e);
        }
    }

    public int port() {
        return port;
    }

    /** Redis URI for quarkus.redis.hosts (TLS; the user and password come from {@link RedisSecurity}). */
    public String uri() {
        return "rediss://127.0.0.1:" + port;
    }

    /**
     * What a service needs to use this node: its host, the service's own ACL user's settings, and no
     * replica to wait for (a lone node has none).
     */
    public Map<String, String> serviceProperties(String service) {
        Map<String, String> properties = new HashMap<>(RedisSecurity.local().serviceProperties(service));
        properties.put("quarkus.redis.hosts", uri());
        properties.put("mobility.write-ack.replicas", "0");
        return properties;
    }

    public long pid() {
        return process.pid();
    }

    /** Runs a command with redis-cli on this node; its output, trimmed ("" when the node does not answer). */
    public String cli(String... args) {
        return cli(port, args).trim();
    }

    /**
     * Runs a command with redis-cli as the admin user on the node (or Sentinel) at {@code port}; its
     * output ("" when it does not answer in 3 s).
     */
    public static String cli(int port, String... args) {
        return cliWith(RedisSecurity.local().cliArguments(RedisSecurity.ADMIN), port, args);
    }

    /**
     * Runs a command with redis-cli on the node at {@code port}, connected with {@code connection}
     * (e.g. {@link RedisSecurity#cliArguments(String)} of another user); its output.
     */
    public static String cliWith(List<String> connection, int port, String... args) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(port)));
        command.addAll(connection);
        command.addAll(List.of(args));
        try {
            // to a file, not a pipe: an answer beyond the pipe's buffer (64 KiB) would stall redis-cli until the timeout
            Path output = Files.createTempFile("redis-cli-", ".out");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                        .start();
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return "";
                }
                String out = new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
                return out.contains("Could not connect") ? "" : out;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("redis-cli is needed (apt-get install -y redis-tools)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** SIGSTOP: the node hangs with its connections open (a replica that stops acknowledging). */
    public void freeze() {
        Signals.freeze(process);
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitListening(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue());
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        throw new IllegalStateException("redis-server did not listen on " + port + " within " + timeout);
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
