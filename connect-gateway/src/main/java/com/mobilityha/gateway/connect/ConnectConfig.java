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

    /** How long a pod keeps an instance's agent statuses before reading them again (they change by administration). */
    @WithDefault("5m")
    Duration agentStatusesTtl();

    /** The per-instance guard every call passes. */
    Guard guard();

    /** The instance health probe. */
    Health health();

    /** Per-instance circuit breaker, bulkhead and read retries. */
    interface Guard {
        /**
         * Calls in the rolling window before the breaker may open: large enough that one agent's
         * retried blip cannot cut a whole instance off, small enough to react within a second of traffic.
         */
        @WithDefault("10")
        int requestVolumeThreshold();

        /** Share of instance failures (I/O, timeouts, 5xx) in the window that opens it. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long it stays open before letting a trial call through. */
        @WithDefault("5s")
        Duration openDelay();

        /** Concurrent calls to one instance; more wait in line (bulkhead). */
        @WithDefault("40")
        int maxConcurrentCalls();

        /** Retries of idempotent reads after an instance failure or throttling, with jittered backoff. */
        @WithDefault("2")
        int readRetries();

        @WithDefault("100ms")
        Duration readRetryDelay();
    }

    /** Probe of each instance (DescribeInstance), independent of the breaker. */
    interface Health {
        /** The watch's tick: how often an instance in doubt is probed by each site. */
        @WithDefault("1s")
        String probeInterval();

        /**
         * Share of DescribeInstance's quota that calm probing may use, split among the instances of a
         * Region: 0.08 of AWS's default 2/s is one probe every 6.25 s for one instance (AWS bills nothing
         * for it, but the quota is the account's). Never more often than {@link #probeInterval()}.
         */
        @WithDefault("0.08")
        double calmBudgetShare();

        /** A probe slower than this failed. */
        @WithDefault("800ms")
        Duration probeTimeout();

        /** Consecutive failed probes that make an instance DOWN. */
        @WithDefault("2")
        int downAfter();

        /** Consecutive good probes that make a DOWN instance UP again. */
        @WithDefault("2")
        int upAfter();

        /**
         * Bound on one warm-up probe. At start-up each instance is probed with this bound until one
         * probe completes within {@code probe-timeout}: the first use of the SDK on a cold JVM (classes,
         * marshallers, signer, the first connection) is paid here, never by a probe that counts.
         */
        @WithDefault("5s")
        Duration warmupTimeout();

        /** Warm-up gives up after this long since start (a dead instance never completes a probe); probes count from then. */
        @WithDefault("20s")
        Duration warmupDeadline();

        /**
         * How long a pod must have been warm before it may declare an instance DOWN for the company on
         * its own evidence; sooner, another pod (of either site) must see it DOWN too.
         */
        @WithDefault("15s")
        Duration probation();

        /**
         * How long a pod's reported view of an instance counts (a pod that stops reporting stops counting);
         * never less than two calm probe intervals and a tick, so that the calm prober's view never lapses.
         */
        @WithDefault("5s")
        Duration viewFreshness();
    }

    /** Contact flow of outbound calls, for instances that do not name their own. */
    Optional<String> outboundContactFlowId();

    /** Settings of one instance. */
    interface InstanceSettings {
        /** Endpoint of this instance only (e.g. one simulator per instance). */
        Optional<URI> endpointOverride();

        /** Contact flow of outbound calls on this instance. */
        Optional<String> outboundContactFlowId();

        /**
         * ARN of the Kinesis stream of this instance's agent event stream; absent: asked of Connect
         * (ListInstanceStorageConfigs, resource type AGENT_EVENTS).
         */
        Optional<String> agentEventStream();
    }

    /** An access key pair. */
    interface StaticCredentials {
        String accessKeyId();

        String secretAccessKey();
    }
}
