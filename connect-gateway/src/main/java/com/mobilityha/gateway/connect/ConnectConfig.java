package com.mobilityha.gateway.connect;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** How the gateway reaches Amazon Connect. Endpoint overrides are for dev and tests only. */
@ConfigMapping(prefix = "gateway.connect")
public interface ConnectConfig {

    /** Endpoint for every instance (dev/tests: the connect-simulator); absent in production. */
    Optional<URI> endpointOverride();

    /** Per-instance settings keyed by instance id. */
    Map<String, InstanceSettings> instances();

    /** Static credentials (dev/tests); production uses the default AWS credentials provider chain. */
    Optional<StaticCredentials> staticCredentials();

    /** Bound on one HTTP attempt to Connect. */
    @WithDefault("2s")
    Duration apiCallAttemptTimeout();

    /** Bound on one SDK call. The SDK does not retry by itself: retries are the gateway's decision. */
    @WithDefault("3s")
    Duration apiCallTimeout();

    /** TCP connect timeout. */
    @WithDefault("1s")
    Duration connectTimeout();

    /** Settings of one instance. */
    interface InstanceSettings {
        /** Endpoint of this instance only (e.g. one simulator per instance). */
        Optional<URI> endpointOverride();
    }

    /** An access key pair. */
    interface StaticCredentials {
        String accessKeyId();

        String secretAccessKey();
    }
}
