package com.mobilityha.simulator.seed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** The seed file's content: instances with the state they start from (and return to on reset). */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record Seed(List<InstanceSeed> instances) {

    /** One Connect instance; {@code agentEventStream} names its agent event stream's Kinesis stream (optional). */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record InstanceSeed(String instanceId, String alias, String region, String accountId,
                               List<StatusSeed> agentStatuses, List<String> routingProfiles,
                               List<UserSeed> users, GeneratedUsers generatedUsers, String agentEventStream) {
    }

    /** An agent status: name and type (ROUTABLE, CUSTOM, OFFLINE). */
    @RegisterForReflection
    public record StatusSeed(String name, String type) {
    }

    /** A user; the initial status is Offline. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UserSeed(String username, String firstName, String lastName, String routingProfile) {
    }

    /** Synthetic users {@code prefix0001..prefixNNNN} for load tests. */
    @RegisterForReflection
    public record GeneratedUsers(String prefix, int count, String routingProfile) {
    }
}
