package com.mobilityha.gateway.failback;

import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.gateway.connect.ConnectCalls;
import com.mobilityha.gateway.connect.ConnectClients;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.connect.model.AgentContactReference;
import software.amazon.awssdk.services.connect.model.ContactState;
import software.amazon.awssdk.services.connect.model.UserData;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which agents Amazon Connect shows on a contact (GetCurrentUserData, 100 agents per request): the
 * truth about calls, inbound ones included, that B2 waits on. Background work: it spends only what
 * the Connect API budget leaves above the agents' reserve.
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

    /** Of these Connect users of the instance, those on a contact now (others are idle or offline). */
    public Set<String> onContact(InstanceRef instance, List<String> connectUserIds) {
        Set<String> busy = new HashSet<>();
        for (int from = 0; from < connectUserIds.size(); from += AGENTS_PER_REQUEST) {
            List<String> agents = connectUserIds.subList(from, Math.min(connectUserIds.size(), from + AGENTS_PER_REQUEST));
            List<UserData> users = calls.readInBackground(instance, "GetCurrentUserData", () ->
                    clients.of(instance).getCurrentUserDataPaginator(r -> r.instanceId(instance.instanceId())
                                    .filters(f -> f.agents(agents)))
                            .stream().flatMap(page -> page.userDataList().stream()).toList());
            users.stream().filter(AgentActivity::onContact).forEach(u -> busy.add(u.user().id()));
        }
        return busy;
    }

    private static boolean onContact(UserData user) {
        return user.contacts().stream().map(AgentContactReference::agentContactState)
                .anyMatch(state -> !FINISHED.contains(state));
    }
}
