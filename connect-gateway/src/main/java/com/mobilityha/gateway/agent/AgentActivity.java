package com.mobilityha.gateway.agent;

import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.gateway.connect.ConnectCalls;
import com.mobilityha.gateway.connect.ConnectClients;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.connect.model.AgentContactReference;
import software.amazon.awssdk.services.connect.model.ContactState;
import software.amazon.awssdk.services.connect.model.UserData;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What Amazon Connect shows of agents now (GetCurrentUserData, 100 agents per request): their status and
 * whether they are on a contact, inbound ones included: the truth B2's fail-back and B8's watchdog wait
 * on. Background work: it spends only what the Connect API budget leaves above the agents' reserve.
 */
@ApplicationScoped
public class AgentActivity {
    private static final int AGENTS_PER_REQUEST = 100;
    private static final Set<ContactState> FINISHED = Set.of(ContactState.ENDED, ContactState.MISSED,
            ContactState.REJECTED, ContactState.ERROR);

    private final ConnectClients clients;
    private final ConnectCalls calls;

    AgentActivity(ConnectClients clients, ConnectCalls calls) {
        this.clients = clients;
        this.calls = calls;
    }

    /** One agent as Connect shows them: the name of their status (null when Connect gives none), on a contact or not. */
    public record Presence(String statusName, boolean onContact) {
    }

    /** Of these Connect users of the instance, those on a contact now (others are idle or offline). */
    public Set<String> onContact(InstanceRef instance, List<String> connectUserIds) {
        return presence(instance, connectUserIds).entrySet().stream().filter(e -> e.getValue().onContact())
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /** These Connect users of the instance as Connect shows them now, by user id (users it does not know are left out). */
    public Map<String, Presence> presence(InstanceRef instance, List<String> connectUserIds) {
        Map<String, Presence> presence = new HashMap<>();
        for (int from = 0; from < connectUserIds.size(); from += AGENTS_PER_REQUEST) {
            List<String> agents = connectUserIds.subList(from, Math.min(connectUserIds.size(), from + AGENTS_PER_REQUEST));
            List<UserData> users = calls.readInBackground(instance, "GetCurrentUserData", () ->
                    clients.of(instance).getCurrentUserDataPaginator(r -> r.instanceId(instance.instanceId())
                                    .filters(f -> f.agents(agents)))
                            .stream().flatMap(page -> page.userDataList().stream()).toList());
            users.forEach(u -> presence.put(u.user().id(), new Presence(
                    u.status() == null ? null : u.status().statusName(), onContact(u))));
        }
        return presence;
    }

    private static boolean onContact(UserData user) {
        return user.contacts().stream().map(AgentContactReference::agentContactState)
                .anyMatch(state -> !FINISHED.contains(state));
    }
}
