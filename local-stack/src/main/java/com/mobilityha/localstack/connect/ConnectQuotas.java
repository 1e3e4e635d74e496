package com.mobilityha.localstack.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityha.localstack.process.ServiceProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One of the connect-simulator's quota profiles ({@code connect-simulator/src/main/resources/quotas}),
 * as a local stack runs it: the simulator throttles by it, and the gateways are told the same quotas
 * as their account's budget, as an operator would after reading the account's Service Quotas.
 *
 * @param profile the profile's name
 */
public record ConnectQuotas(String profile) {
    /** Amazon Connect's default quotas (2 requests/s, burst 5, for most operations). */
    public static final ConnectQuotas AWS_DEFAULT = new ConnectQuotas("aws-default");
    /** An account after a quota increase (100 requests/s, burst 200): the demo's and most drills' profile. */
    public static final ConnectQuotas RAISED = new ConnectQuotas("raised");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The simulator's setting. */
    public Map<String, String> simulatorProperties() {
        return Map.of("simulator.quotas.profile", profile);
    }

    /**
     * The gateway's budget for this profile: its default quota and the quota of every operation either
     * this profile or AWS's defaults list (so that no AWS default the gateway is configured with stays).
     */
    public Map<String, String> gatewayProperties() {
        JsonNode chosen = read(profile);
        JsonNode fallback = chosen.path("default");
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("gateway.budget.defaults.rate", fallback.path("rate").asText());
        properties.put("gateway.budget.defaults.burst", fallback.path("burst").asText());
        TreeSet<String> operations = new TreeSet<>();
        read(AWS_DEFAULT.profile).path("operations").fieldNames().forEachRemaining(operations::add);
        for (Iterator<String> names = chosen.path("operations").fieldNames(); names.hasNext(); ) {
            operations.add(names.next());
        }
        for (String operation : operations) {
            JsonNode quota = chosen.path("operations").path(operation);
            String prefix = "gateway.budget.operations." + operation + ".";
            properties.put(prefix + "rate", quota.path("rate").asText(fallback.path("rate").asText()));
            properties.put(prefix + "burst", quota.path("burst").asText(fallback.path("burst").asText()));
        }
        return properties;
    }

    /** The requests per second the profile allows an operation. */
    public double rate(String operation) {
        JsonNode chosen = read(profile);
        return chosen.path("operations").path(operation).path("rate").asDouble(chosen.path("default").path("rate").asDouble());
    }

    /** The lowest rate the profile allows among these operations: what bounds a task that spends each of them once per agent. */
    public double slowestRate(List<String> operations) {
        return operations.stream().mapToDouble(this::rate).min().orElseThrow();
    }

    private static JsonNode read(String profile) {
        Path file = ServiceProcess.module("connect-simulator").resolve("src/main/resources/quotas/" + profile + ".json");
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the quota profile " + file, e);
        }
    }
}
