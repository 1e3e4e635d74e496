package com.mobilityha.systemtests.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.mobilityha.systemtests.Repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's alert rules, {@code k8s/monitoring/prometheus-rules.yaml}: a Prometheus Operator
 * {@code PrometheusRule} (their one source), whose {@code spec} is a plain Prometheus rule file.
 */
public final class AlertRules {
    private static final String SOURCE = "k8s/monitoring/prometheus-rules.yaml";

    private AlertRules() {
    }

    /** The rules' {@code spec} (its {@code groups}), as Prometheus reads a rule file. */
    public static JsonNode spec() {
        try {
            JsonNode rule = new YAMLMapper().readTree(Repository.file(SOURCE).toFile());
            if (!"PrometheusRule".equals(rule.path("kind").asText())) {
                throw new IllegalStateException(SOURCE + " is not a PrometheusRule");
            }
            return rule.path("spec");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the rules as a plain Prometheus rule file at {@code file}; returns it. */
    public static Path writePlain(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            new YAMLMapper().writeValue(file.toFile(), spec());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
