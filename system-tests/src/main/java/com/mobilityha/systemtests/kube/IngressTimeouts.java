package com.mobilityha.systemtests.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.mobilityha.systemtests.Repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * How long the site's ingress (ingress-nginx) waits for a replica, as {@code k8s/base/ingress.yaml}'s
 * annotations say: to connect ({@code proxy-connect-timeout}) and for its answer ({@code proxy-read-timeout}).
 */
public record IngressTimeouts(Duration connect, Duration read) {
    private static final String ANNOTATIONS = "/metadata/annotations/nginx.ingress.kubernetes.io~1";

    /** Reads them from the manifest. */
    public static IngressTimeouts ofManifest() {
        try {
            JsonNode ingress = new YAMLMapper().readTree(Repository.file("k8s/base/ingress.yaml").toFile());
            return new IngressTimeouts(Duration.ofSeconds(ingress.at(ANNOTATIONS + "proxy-connect-timeout").asLong(60)),
                    Duration.ofSeconds(ingress.at(ANNOTATIONS + "proxy-read-timeout").asLong(60)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
