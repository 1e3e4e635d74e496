package com.mobilityha.simulator.instance;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An agent snapshot in the shape of Amazon Connect's agent event stream data model (AgentSnapshot,
 * Configuration, Contact): PascalCase members, ISO-8601 timestamps.
 */
final class AgentSnapshot {
    private AgentSnapshot() {
    }

    static Map<String, Object> of(ConnectInstance instance, SimulatedUser agent, List<SimulatedContact> contacts) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("ARN", agent.status.arn());
        status.put("Name", agent.status.name());
        status.put("StartTimestamp", time(agent.statusSince));
        status.put("Type", agent.status.type());
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("AgentHierarchyGroups", null);
        configuration.put("AutoAccept", agent.autoAccept);
        configuration.put("FirstName", agent.firstName);
        configuration.put("LastName", agent.lastName);
        configuration.put("RoutingProfile", Map.of("ARN", instance.arn("routing-profile/" + agent.routingProfileId)));
        configuration.put("Username", agent.username);
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("AgentStatus", status);
        snapshot.put("Configuration", configuration);
        snapshot.put("Contacts", contacts.stream().map(c -> contact(instance, c)).toList());
        snapshot.put("NextAgentStatus", null);
        return snapshot;
    }

    private static Map<String, Object> contact(ConnectInstance instance, SimulatedContact c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Channel", "VOICE");
        json.put("ConnectedToAgentTimestamp", time(c.connectedToAgentAt));
        json.put("ContactId", c.id);
        json.put("InitialContactId", c.previousContactId);
        json.put("InitiationMethod", c.initiationMethod);
        json.put("Queue", Map.of("ARN", instance.arn("queue/agent/" + c.agentUserId)));
        json.put("QueueTimestamp", time(c.initiatedAt));
        json.put("State", c.state.name());
        json.put("StateStartTimestamp", time(c.stateSince));
        return json;
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
