package com.mobilityha.simulator.seed;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Simulator settings. */
@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {

    /** Seed file on the filesystem; default: the bundled {@code seed.json}. */
    Optional<String> seedFile();

    /** The only credentials whose SigV4 requests are accepted. */
    Credentials credentials();

    /** Amazon Connect's API throttling. */
    Quotas quotas();

    /** Which quotas apply. */
    interface Quotas {
        /**
         * A bundled profile ({@code aws-default}: AWS's documented defaults; {@code raised}: after a
         * quota increase) or the path of a quota file in the same format.
         */
        @WithDefault("aws-default")
        String profile();
    }

    /** A static AWS key pair. */
    interface Credentials {
        @WithDefault("AKIASIMULATOR")
        String accessKeyId();

        @WithDefault("simulator-secret")
        String secretAccessKey();
    }
}
