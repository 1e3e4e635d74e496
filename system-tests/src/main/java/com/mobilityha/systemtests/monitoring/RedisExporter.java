package com.mobilityha.systemtests.monitoring;

import com.mobilityha.localstack.process.ChildProcesses;
import com.mobilityha.localstack.process.FreePorts;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.localstack.process.Signals;
import com.mobilityha.localstack.redis.RedisSecurity;
import com.mobilityha.systemtests.app.Http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * redis_exporter (oliver006; Debian's {@code prometheus-redis-exporter}) in its multi-target mode: one
 * process, and Prometheus asks it for each Redis server or Sentinel in turn
 * ({@code /scrape?target=rediss://host:port}). It reads {@code INFO} of a server (role, replicas, their
 * offsets and lag) and {@code SENTINEL} state of a Sentinel (known and reachable Sentinels, CKQUORUM),
 * which the repository's Redis alerts are written against. It logs in as the {@code exporter} ACL user
 * (k8s/redis) over TLS, its password in its environment rather than on its command line.
 */
final class RedisExporter implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/prometheus-redis-exporter");
    private static final Duration READY = Duration.ofSeconds(15);

    private final Process process;
    private final int port;

    private RedisExporter(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static RedisExporter start(Path directory) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: run bin/setup (apt-get install prometheus-redis-exporter)");
        }
        int port = FreePorts.next();
        try {
            RedisSecurity security = RedisSecurity.local();
            ProcessBuilder builder = new ProcessBuilder(BINARY.toString(), "-web.listen-address", address(port),
                    "-redis.addr", "", // no default target: every server is named by Prometheus's scrape
                    "-redis.user", RedisSecurity.EXPORTER, "-tls-ca-cert-file", security.caCertificate().toString())
                    .redirectErrorStream(true).redirectOutput(directory.resolve("redis-exporter.log").toFile());
            builder.environment().put("REDIS_PASSWORD", security.password(RedisSecurity.EXPORTER));
            Process process = ChildProcesses.start(builder);
            RedisExporter exporter = new RedisExporter(process, port);
            Http http = new Http(Duration.ofSeconds(1));
            if (!Poll.until(() -> http.answersOk("http://" + exporter.address() + "/metrics"), READY)) {
                exporter.close();
                throw new IllegalStateException("redis_exporter not up within " + READY + ": see "
                        + directory.resolve("redis-exporter.log"));
            }
            return exporter;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code host:port} Prometheus sends its scrapes to. */
    String address() {
        return address(port);
    }

    private static String address(int port) {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        Signals.stop(process, Duration.ofSeconds(5));
    }
}
