package com.mobilityha.systemtests.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.mobilityha.systemtests.monitoring.AlertRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The alert rules and the dashboard as Prometheus itself reads them: the PrometheusRule's {@code spec}
 * as a plain rule file, checked and unit-tested by promtool (k8s/monitoring/tests), every alert with a
 * case where it fires and one where it does not, every dashboard query valid PromQL, and every metric
 * either of them reads one that exists: ours named in docs/operations.md, the exporters' from the list
 * below (kube-state-metrics; redis_exporter 1.45, as it answered against a redis-server and a
 * redis-sentinel; Micrometer's JVM binders).
 */
class AlertRulesTest {
    private static final String PROMTOOL = "/usr/bin/promtool";
    private static final Pattern METRIC = Pattern.compile(
            "\\b(?:mobility|notifier|http_server_requests|kube|redis|jvm)_[a-z0-9_]+\\b");
    private static final Set<String> EXPORTERS_METRICS = Set.of(
            "kube_deployment_status_replicas_available", "kube_deployment_spec_replicas",
            "redis_connected_slaves", "redis_instance_info", "redis_master_repl_offset",
            "redis_connected_slave_offset_bytes", "redis_connected_slave_lag_seconds",
            "redis_sentinel_master_ok_sentinels", "redis_sentinel_master_sentinels",
            "redis_sentinel_master_ckquorum_status", "jvm_memory_used_bytes");

    static Path repository;
    static Path work;
    static JsonNode rules;

    @BeforeAll
    static void writePlainRuleFile() throws IOException {
        repository = Path.of("").toAbsolutePath().getParent();
        work = Files.createDirectories(repository.resolve("system-tests/target/alert-rules"));
        rules = AlertRules.spec();
        AlertRules.writePlain(work.resolve("mobility-ha-rules.yaml"));
        Files.copy(repository.resolve("k8s/monitoring/tests/mobility-ha-rules.test.yaml"),
                work.resolve("mobility-ha-rules.test.yaml"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        assertPromtool("check", "rules", work.resolve("mobility-ha-rules.yaml").toString());
    }

    @Test
    void promtoolUnitTestsOfTheRulesPass() throws Exception {
        assertPromtool("test", "rules", work.resolve("mobility-ha-rules.test.yaml").toString());
    }

    @Test
    void everyAlertHasACaseWhereItFiresAndOneWhereItDoesNot() throws IOException {
        JsonNode tests = new YAMLMapper().readTree(work.resolve("mobility-ha-rules.test.yaml").toFile());
        assertEquals("mobility-ha-rules.yaml", tests.path("rule_files").path(0).asText(), "the tests read the written rules");
        Set<String> firing = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (JsonNode test : tests.path("tests")) {
            for (JsonNode evaluation : test.path("alert_rule_test")) {
                (evaluation.path("exp_alerts").isEmpty() ? quiet : firing).add(evaluation.path("alertname").asText());
            }
        }
        List<String> alerts = alerts().map(rule -> rule.path("alert").asText()).toList();
        assertFalse(alerts.isEmpty());
        for (String alert : alerts) {
            assertTrue(firing.contains(alert), alert + " has a test case where it fires");
            assertTrue(quiet.contains(alert), alert + " has a test case where it does not fire");
        }
    }

    @Test
    void everyAlertTellsItsSeverityWhatItMeansAndWhatToDo() {
        alerts().forEach(rule -> {
            String alert = rule.path("alert").asText();
            assertTrue(Set.of("warning", "critical").contains(rule.path("labels").path("severity").asText()), alert);
            assertFalse(rule.path("annotations").path("summary").asText().isBlank(), alert + " has a summary");
            assertFalse(rule.path("annotations").path("description").asText().isBlank(), alert + " has a description");
            assertTrue(rule.has("for"), alert + " says for how long");
        });
    }

    @Test
    void everyDashboardQueryIsValidPromQl() throws Exception {
        ArrayNode recordings = new ObjectMapper().createArrayNode();
        List<String> queries = dashboardQueries();
        assertFalse(queries.isEmpty());
        for (int i = 0; i < queries.size(); i++) {
            recordings.addObject().put("record", "dashboard:query_" + i).put("expr", queries.get(i));
        }
        ObjectNode file = new ObjectMapper().createObjectNode();
        file.putArray("groups").addObject().put("name", "dashboard").set("rules", recordings);
        Path written = work.resolve("dashboard-queries.yaml");
        new YAMLMapper().writeValue(written.toFile(), file);
        assertPromtool("check", "rules", written.toString());
    }

    @Test
    void everyMetricReadIsOneThatExists() throws IOException {
        String documented = Files.readString(repository.resolve("docs/operations.md"));
        List<String> expressions = new ArrayList<>(dashboardQueries());
        alerts().forEach(rule -> expressions.add(rule.path("expr").asText()));
        for (String expression : expressions) {
            Matcher metric = METRIC.matcher(expression);
            while (metric.find()) {
                String name = metric.group();
                String family = name.replaceAll("_(bucket|count|sum)$", "");
                assertTrue(EXPORTERS_METRICS.contains(name) || documented.contains(name)
                        || documented.contains(family + "_*"), name + " (in " + expression + ") is exported");
            }
        }
    }

    private static Stream<JsonNode> alerts() {
        List<JsonNode> alerts = new ArrayList<>();
        rules.path("groups").forEach(group -> group.path("rules").forEach(rule -> {
            if (rule.has("alert")) {
                alerts.add(rule);
            }
        }));
        return alerts.stream();
    }

    /** Every target's query, with the dashboard's variables as Grafana fills them in. */
    private static List<String> dashboardQueries() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(repository.resolve("k8s/monitoring/mobility-ha-dashboard.json").toFile());
        List<String> queries = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(target ->
                queries.add(target.path("expr").asText().replace("$namespace", "mobility-ha"))));
        return queries;
    }

    /** Skipped where promtool is missing, except in CI (which installs it): there it fails. */
    private static void assertPromtool(String... arguments) throws Exception {
        assumeTrue(new File(PROMTOOL).canExecute() || System.getenv("CI") != null,
                "needs promtool (apt-get install -y prometheus)");
        List<String> command = new ArrayList<>(List.of(PROMTOOL));
        command.addAll(List.of(arguments));
        Process promtool = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(promtool.waitFor(60, TimeUnit.SECONDS), "promtool finished");
        System.out.println("promtool " + String.join(" ", arguments) + ":\n" + output);
        assertEquals(0, promtool.exitValue(), "promtool " + String.join(" ", arguments) + " succeeded:\n" + output);
    }
}
