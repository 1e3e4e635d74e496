package com.mobilityha.gateway.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** How the gateway reads the instances' agent event streams (Kinesis). */
@ConfigMapping(prefix = "gateway.agent-events")
public interface AgentEventConfig {

    /** Off: calls are known only through the app's own requests. */
    @WithDefault("true")
    boolean enabled();

    /** Kinesis endpoint (dev/tests); else the Connect endpoint override, else AWS. */
    Optional<URI> endpointOverride();

    /**
     * How often the reader asks each shard for new records: Kinesis allows 5 GetRecords calls per second
     * per shard, shared by every application reading the stream, so one per second leaves room for others.
     */
    @WithDefault("1s")
    Duration pollInterval();

    /** How long a reader's lease lasts unrenewed (renewed every poll): a dead reader's instance is read again by another pod after this. */
    @WithDefault("5s")
    Duration readerLease();

    /** Consecutive failed polls after which a reader hands its lease on (it may be its own site that cannot reach Kinesis). */
    @WithDefault("3")
    int releaseAfterFailures();

    /** Records asked for per GetRecords call. */
    @WithDefault("1000")
    int batchLimit();

    /** How long an instance without a known stream waits before its storage configuration is asked again. */
    @WithDefault("1m")
    Duration discoveryRetry();

    /** How long a contact known to have ended is remembered, so that an older event cannot bring it back. */
    @WithDefault("10m")
    Duration endedContactMemory();
}
