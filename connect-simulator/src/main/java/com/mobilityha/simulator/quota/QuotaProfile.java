package com.mobilityha.simulator.quota;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A set of quotas: every operation's own, else the profile's default. Read from a bundled profile
 * ({@code quotas/<name>.json}) or a file: {@code {"name", "source", "default": {rate, burst, error},
 * "operations": {"<Operation>": {rate, burst, error}}}}, where an operation's missing members are
 * the default's.
 */
public final class QuotaProfile {
    private final String name;
    private final OperationQuota fallback;
    private final Map<String, OperationQuota> operations;

    private QuotaProfile(String name, OperationQuota fallback, Map<String, OperationQuota> operations) {
        this.name = name;
        this.fallback = fallback;
        this.operations = Map.copyOf(operations);
    }

    /** The bundled profile of this name, or the file at this path. */
    public static QuotaProfile load(String nameOrFile) {
        try (InputStream in = open(nameOrFile)) {
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Quota profile " + nameOrFile + " is not readable", e);
        }
    }

    private static InputStream open(String nameOrFile) throws IOException {
        InputStream bundled = QuotaProfile.class.getResourceAsStream("/quotas/" + nameOrFile + ".json");
        if (bundled != null) {
            return bundled;
        }
        return Files.newInputStream(Path.of(nameOrFile));
    }

    static QuotaProfile parse(JsonNode json) {
        OperationQuota fallback = quota(json.path("default"), new OperationQuota(2, 5, "ThrottlingException"));
        Map<String, OperationQuota> operations = new HashMap<>();
        json.path("operations").fields().forEachRemaining(e -> operations.put(e.getKey(), quota(e.getValue(), fallback)));
        return new QuotaProfile(json.path("name").asText("unnamed"), fallback, operations);
    }

    private static OperationQuota quota(JsonNode json, OperationQuota fallback) {
        return new OperationQuota(json.path("rate").asDouble(fallback.ratePerSecond()),
                json.path("burst").asInt(fallback.burst()), json.path("error").asText(fallback.errorType()));
    }

    public String name() {
        return name;
    }

    /** The quota of an operation. */
    public OperationQuota of(String operation) {
        return operations.getOrDefault(operation, fallback);
    }
}
