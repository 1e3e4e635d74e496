package com.mobilityha.gateway.agent;

import com.mobilityha.common.company.Company;
import com.mobilityha.common.contract.AgentLoginRequest;
import com.mobilityha.common.contract.AgentLoginResult;
import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.gateway.connect.ConnectClients;
import com.mobilityha.gateway.connect.ConnectErrors;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.AgentStatusType;
import software.amazon.awssdk.services.connect.model.StringComparisonType;
import software.amazon.awssdk.services.connect.model.UserSearchSummary;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Agent operations on the Connect instance a session is logged in to. */
@ApplicationScoped
public class AgentService {
    private static final String AVAILABLE = "Available";

    private final ConnectClients clients;
    private final CompanyDirectory companies;

    AgentService(ConnectClients clients, CompanyDirectory companies) {
        this.clients = clients;
        this.companies = companies;
    }

    /** Finds the user on the company's primary instance and makes them Available (its routable status) there. */
    public AgentLoginResult login(AgentLoginRequest request) {
        Company company = companies.require(request.companyCode());
        InstanceRef instance = company.primaryInstance().orElseThrow(() -> new ProblemException(
                ProblemType.CONNECT_INSTANCE_UNAVAILABLE, "The company has no Connect instance configured"));
        String userId = findUserId(instance, request.username());
        AgentStatus available = statuses(instance).stream()
                .filter(s -> s.type().equals(AgentStatusType.ROUTABLE.toString()))
                .min(Comparator.comparing((AgentStatus s) -> !s.name().equals(AVAILABLE)))
                .orElseThrow(() -> new ProblemException(ProblemType.UNKNOWN_AGENT_STATUS,
                        "The " + instance.role() + " instance has no routable agent status"));
        putStatus(instance, userId, available);
        return new AgentLoginResult(instance, userId, available.name());
    }

    /** The agent statuses the session's instance offers. */
    public List<AgentStatus> statuses(InstanceRef instance) {
        ConnectClient connect = clients.of(instance);
        return ConnectErrors.call(instance, "ListAgentStatuses", () ->
                connect.listAgentStatusesPaginator(r -> r.instanceId(instance.instanceId()))
                        .agentStatusSummaryList().stream()
                        .map(s -> new AgentStatus(s.id(), s.name(), s.typeAsString()))
                        .toList());
    }

    /** Sets the session's agent to the status of this name (case-insensitive). */
    public AgentStatus setStatus(SessionRecord session, String statusName) {
        AgentStatus status = requireStatus(session.instance(), statusName);
        putStatus(session.instance(), session.user().connectUserId(), status);
        return status;
    }

    private AgentStatus requireStatus(InstanceRef instance, String name) {
        return statuses(instance).stream()
                .filter(s -> s.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new ProblemException(ProblemType.UNKNOWN_AGENT_STATUS,
                        "No agent status named '" + name + "' on the " + instance.role() + " instance"));
    }

    private void putStatus(InstanceRef instance, String userId, AgentStatus status) {
        ConnectClient connect = clients.of(instance);
        ConnectErrors.call(instance, "PutUserStatus", () -> connect.putUserStatus(r -> r
                .instanceId(instance.instanceId()).userId(userId).agentStatusId(status.id())));
    }

    private String findUserId(InstanceRef instance, String username) {
        ConnectClient connect = clients.of(instance);
        List<UserSearchSummary> users = ConnectErrors.call(instance, "SearchUsers", () -> connect.searchUsers(r -> r
                .instanceId(instance.instanceId())
                .maxResults(2)
                .searchCriteria(c -> c.stringCondition(s -> s
                        .fieldName("Username").value(username).comparisonType(StringComparisonType.EXACT))))
                .users());
        return users.stream()
                .filter(u -> username.equals(u.username()))
                .map(UserSearchSummary::id)
                .findFirst()
                .orElseThrow(() -> new ProblemException(ProblemType.CONNECT_USER_NOT_FOUND,
                        "No Amazon Connect user '" + username + "' on the " + instance.role() + " instance"));
    }
}
