package com.mobilityha.simulator.seed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** The seed file's content: instances with the state they start from (and return to on reset). */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record Seed(List<InstanceSeed> instances) {

    /**
     * One Connect instance; {@code agentEventStream} names its agent event stream's Kinesis stream
     * (optional). A replica (Amazon Connect Global Resiliency) names its source in {@code replicaOf}
     * and takes the source's statuses, routing profiles and users (its own ids); its
     * {@code trafficDistributionGroups} link it to the source (the first one made with it is the default).
     */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record InstanceSeed(String instanceId, String alias, String region, String accountId,
                               List<StatusSeed> agentStatuses, List<String> routingProfiles,
                               List<UserSeed> users, GeneratedUsers generatedUsers, String agentEventStream,
                               String replicaOf, List<GroupSeed> trafficDistributionGroups) {

        /** The replica's seed: its own id, alias, Region and stream, the source's configuration and users. */
        public InstanceSeed replicating(InstanceSeed source) {
            return new InstanceSeed(instanceId, alias, region, source.accountId(), source.agentStatuses(),
                    source.routingProfiles(), source.users(), source.generatedUsers(), agentEventStream, replicaOf,
                    trafficDistributionGroups);
        }
    }

    /**
     * A traffic distribution group of a source instance and its replica. {@code associatedUsers}:
     * usernames associated to it at start ({@code prefix*} names every username with that prefix).
     */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GroupSeed(String id, String name, boolean isDefault, List<String> associatedUsers) {
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
