package com.mobilityha.systemtests.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityha.localstack.process.ChildProcesses;
import com.mobilityha.localstack.process.FreePorts;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.localstack.process.Signals;
import com.mobilityha.systemtests.app.Http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A real Prometheus (Debian's {@code prometheus}) watching the local sites as the admins' would: it
 * scrapes every replica's management port ({@code /q/metrics}) every second and evaluates the
 * repository's alert rules every second. The replicas to scrape are discovered as Kubernetes service
 * discovery would find pods: a targets file kept up to date as replicas come and go (file_sd). Each site is a
 * {@code cluster} label, as each production site is its own cluster; the services' own labels (such as
 * {@code site} on the heartbeat gauge) are kept. The shared Redis servers and Sentinels are scraped through a
 * {@link RedisExporter}, so the Redis alerts judge the real servers.
 */
public final class LocalPrometheus implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/bin/prometheus");
    private static final Duration READY = Duration.ofSeconds(30);

    private static final long DISCOVERY_MILLIS = 1_000;

    private final Process process;
    private final RedisExporter redisExporter;
    private final int port;
    private final Http http = new Http(Duration.ofSeconds(2));
    private final ScheduledExecutorService discovery = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "prometheus-discovery");
        thread.setDaemon(true);
        return thread;
    });

    private LocalPrometheus(Process process, RedisExporter redisExporter, int port) {
        this.process = process;
        this.redisExporter = redisExporter;
        this.port = port;
    }

    /** Whether Debian's prometheus and prometheus-redis-exporter packages are installed ({@code bin/setup} installs them). */
    public static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isExecutable(RedisExporter.BINARY);
    }

    /**
     * Starts Prometheus on a free loopback port and waits until it is ready.
     *
     * @param targets      each site's services' replicas' management addresses ({@code host:port}), by site, then by
     *                     service, as they are now (asked again every second)
     * @param redisServers the shared Redis servers and Sentinels ({@code redis://host:port})
     */
    public static LocalPrometheus start(Supplier<Map<String, Map<String, List<String>>>> targets, List<String> redisServers) {
        if (!installed()) {
            throw new IllegalStateException("Prometheus or redis_exporter is missing: run bin/setup "
                    + "(apt-get install prometheus prometheus-redis-exporter)");
        }
        try {
            Path directory = Files.createTempDirectory("mobility-prometheus-");
            Path rules = AlertRules.writePlain(directory.resolve("mobility-ha-rules.yaml"));
            Path discovered = directory.resolve("targets.json");
            writeTargets(discovered, targets.get());
            RedisExporter redisExporter = RedisExporter.start(directory);
            LocalPrometheus prometheus;
            try {
                Path config = Files.writeString(directory.resolve("prometheus.yml"),
                        config(discovered, rules, redisServers, redisExporter.address()));
                int port = FreePorts.next();
                Process process = ChildProcesses.start(new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
                        "--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                        "--log.level=warn")
                        .redirectErrorStream(true).redirectOutput(directory.resolve("prometheus.log").toFile()));
                prometheus = new LocalPrometheus(process, redisExporter, port);
            } catch (IOException | RuntimeException e) {
                redisExporter.close();
                throw e;
            }
            prometheus.discovery.scheduleWithFixedDelay(() -> {
                try {
                    writeTargets(discovered, targets.get());
                } catch (RuntimeException changing) {
                    // replicas coming and going while listed: the next round lists them again
                }
            }, DISCOVERY_MILLIS, DISCOVERY_MILLIS, TimeUnit.MILLISECONDS);
            if (!Poll.until(prometheus::ready, READY)) {
                prometheus.close();
                throw new IllegalStateException("Prometheus not ready within " + READY + ": see "
                        + directory.resolve("prometheus.log"));
            }
            return prometheus;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String config(Path discovered, Path rules, List<String> redisServers, String redisExporter) {
        return """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                rule_files:
                  - "%s"
                scrape_configs:
                  - job_name: mobility-ha
                    metrics_path: /q/metrics
                    file_sd_configs:
                      - files: ["%s"]
                        refresh_interval: 1s
                  - job_name: redis
                    metrics_path: /scrape
                    static_configs:
                      - targets: %s
                    relabel_configs:
                      - source_labels: [__address__]
                        target_label: __param_target
                      - source_labels: [__param_target]
                        target_label: instance
                      - target_label: __address__
                        replacement: "%s"
                """.formatted(rules, discovered, Http.toJson(redisServers), redisExporter);
    }

    /**
     * Writes the replicas to scrape, one group per site and service, replacing the file at once when they changed
     * (each new file makes Prometheus read it again).
     */
    private static void writeTargets(Path file, Map<String, Map<String, List<String>>> targets) {
        List<Map<String, Object>> groups = new ArrayList<>();
        targets.forEach((site, services) -> services.forEach((service, addresses) -> groups.add(Map.of(
                "targets", addresses,
                "labels", Map.of("cluster", "site-" + site, "namespace", "mobility-ha", "service", service)))));
        String json = Http.toJson(groups);
        try {
            if (Files.exists(file) && Files.readString(file).equals(json)) {
                return;
            }
            Path written = Files.writeString(file.resolveSibling(file.getFileName() + ".new"), json);
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean ready() {
        return http.answersOk(url() + "/-/ready");
    }

    /** Prometheus's web UI and API. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The alerts now firing (pending ones are not), each as its name and labels. */
    public List<Alert> firing() {
        return alerts("firing");
    }

    /**
     * The alerts whose condition holds but not yet for the rule's {@code for} (Prometheus's {@code pending}):
     * what will fire if it lasts.
     */
    public List<Alert> pending() {
        return alerts("pending");
    }

    private List<Alert> alerts(String state) {
        JsonNode answer = http.send("GET", url() + "/api/v1/alerts", null, Map.of()).json();
        List<Alert> alerts = new ArrayList<>();
        for (JsonNode alert : answer.path("data").path("alerts")) {
            if (state.equals(alert.path("state").asText())) {
                Map<String, String> labels = new TreeMap<>();
                alert.path("labels").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
                alerts.add(new Alert(labels.remove("alertname"), labels));
            }
        }
        return alerts;
    }

    /** How many series an instant PromQL query answers now (0 when Prometheus has no such data). */
    public int seriesCount(String promql) {
        String query = URLEncoder.encode(promql, StandardCharsets.UTF_8);
        return http.send("GET", url() + "/api/v1/query?query=" + query, null, Map.of()).json()
                .path("data").path("result").size();
    }

    @Override
    public void close() {
        discovery.shutdownNow();
        redisExporter.close();
        Signals.stop(process, Duration.ofSeconds(10));
    }

    /** One alert: its name and its labels (severity, and what it is about, e.g. {@code site=primary}). */
    public record Alert(String name, Map<String, String> labels) {
        /** E.g. {@code MobilitySiteHeartbeatLost{severity=critical, site=primary}}. */
        @Override
        public String toString() {
            return name + labels;
        }
    }
}
