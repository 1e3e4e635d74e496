package com.mobilityha.common.redis;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Replica acknowledgement (Redis WAIT) of the writes a service promises will survive a master failover
 * ({@code mobility.write-ack.*}; {@link ReplicaAcks}).
 */
@ConfigMapping(prefix = "mobility.write-ack")
public interface WriteAckConfig {

    /** Replicas that must acknowledge such a write before it is reported done; 0 disables WAIT. */
    @WithDefault("0")
    int replicas();

    /** How long to wait for them. */
    @WithDefault("500ms")
    Duration timeout();
}
