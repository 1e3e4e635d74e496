package com.mobilityha.systemtests.kube;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;

/** One of a container's probes, as its manifest declares it (Kubernetes' defaults where it is silent). */
public record ProbeSpec(String path, Duration period, Duration timeout, int failureThreshold, int successThreshold) {

    static ProbeSpec of(JsonNode probe) {
        if (probe.isMissingNode()) {
            throw new IllegalArgumentException("the container has no such probe");
        }
        return new ProbeSpec(probe.at("/httpGet/path").asText(), Duration.ofSeconds(probe.path("periodSeconds").asInt(10)),
                Duration.ofSeconds(probe.path("timeoutSeconds").asInt(1)), probe.path("failureThreshold").asInt(3),
                probe.path("successThreshold").asInt(1));
    }
}
