package com.mobilityha.systemtests.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.mobilityha.systemtests.Repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What {@code k8s/base} says about running a service: its replicas, its container's three probes, its
 * {@code preStop} sleep and grace period, and the site's graceful-shutdown settings (ConfigMap
 * {@code mobility-site}) its JVM gets.
 */
public record PodManifest(String service, int replicas, ProbeSpec startup, ProbeSpec readiness, ProbeSpec liveness,
                          Duration preStop, Duration terminationGrace, Map<String, String> shutdownProperties) {

    /** Reads {@code k8s/base/<service>.yaml} and {@code k8s/base/site-config.yaml}. */
    public static PodManifest of(String service) {
        Path base = Repository.file("k8s/base");
        JsonNode deployment = document(base.resolve(service + ".yaml"), "Deployment");
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode container = pod.path("containers").path(0);
        JsonNode site = document(base.resolve("site-config.yaml"), "ConfigMap").path("data");
        return new PodManifest(service, deployment.at("/spec/replicas").asInt(1),
                ProbeSpec.of(container.path("startupProbe")), ProbeSpec.of(container.path("readinessProbe")),
                ProbeSpec.of(container.path("livenessProbe")),
                Duration.ofSeconds(container.at("/lifecycle/preStop/sleep/seconds").asInt(0)),
                Duration.ofSeconds(pod.path("terminationGracePeriodSeconds").asInt(30)),
                Map.of("quarkus.shutdown.delay", site.path("QUARKUS_SHUTDOWN_DELAY").asText(),
                        "quarkus.shutdown.timeout", site.path("QUARKUS_SHUTDOWN_TIMEOUT").asText()));
    }

    private static JsonNode document(Path file, String kind) {
        try {
            List<JsonNode> documents = new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(file.toFile()).readAll();
            return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + kind + " in " + file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
