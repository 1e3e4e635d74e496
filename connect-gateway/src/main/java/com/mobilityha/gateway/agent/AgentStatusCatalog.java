package com.mobilityha.gateway.agent;

import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.gateway.connect.ConnectCalls;
import com.mobilityha.gateway.connect.ConnectClients;
import com.mobilityha.gateway.connect.ConnectConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent statuses each instance offers, as this pod last read them (ListAgentStatuses): an
 * instance's statuses change when an administrator edits them, not per request, so logins and status
 * changes do not spend the Connect API budget on them. Read again after {@code agent-statuses-ttl},
 * or when a name is asked for that the copy lacks (at most once per {@link #RELOAD_AFTER}).
 */
@ApplicationScoped
public class AgentStatusCatalog {
    /** The copy's minimum age before a name it lacks makes it read again (bad names must not cost Connect calls). */
    static final Duration RELOAD_AFTER = Duration.ofSeconds(10);

    private final ConnectClients clients;
    private final ConnectCalls calls;
    private final Duration ttl;
    private final Map<String, Copy> copies = new ConcurrentHashMap<>();

    AgentStatusCatalog(ConnectClients clients, ConnectCalls calls, ConnectConfig config) {
        this.clients = clients;
        this.calls = calls;
        this.ttl = config.agentStatusesTtl();
    }

    /** The instance's statuses. */
    public List<AgentStatus> all(InstanceRef instance) {
        Copy copy = copies.get(instance.instanceId());
        return copy != null && copy.age().compareTo(ttl) < 0 ? copy.statuses() : load(instance);
    }

    /** The status of this name (case-insensitive), reading the instance again if the copy lacks it and may be old. */
    public Optional<AgentStatus> named(InstanceRef instance, String name) {
        Optional<AgentStatus> found = find(all(instance), name);
        Copy copy = copies.get(instance.instanceId());
        if (found.isEmpty() && copy != null && copy.age().compareTo(RELOAD_AFTER) >= 0) {
            found = find(load(instance), name);
        }
        return found;
    }

    private List<AgentStatus> load(InstanceRef instance) {
        List<AgentStatus> statuses = calls.read(instance, "ListAgentStatuses", () ->
                clients.of(instance).listAgentStatusesPaginator(r -> r.instanceId(instance.instanceId()))
                        .agentStatusSummaryList().stream()
                        .map(s -> new AgentStatus(s.id(), s.name(), s.typeAsString()))
                        .toList());
        copies.put(instance.instanceId(), new Copy(statuses, System.nanoTime()));
        return statuses;
    }

    private static Optional<AgentStatus> find(List<AgentStatus> statuses, String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return statuses.stream().filter(s -> s.name().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }

    /** One instance's statuses and when they were read (System.nanoTime). */
    private record Copy(List<AgentStatus> statuses, long readAt) {
        Duration age() {
            return Duration.ofNanos(System.nanoTime() - readAt);
        }
    }
}
