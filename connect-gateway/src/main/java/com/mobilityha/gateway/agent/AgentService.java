package com.mobilityha.gateway.agent;

import com.mobilityha.common.company.Company;
import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.company.PhoneType;
import com.mobilityha.common.contract.AgentLoginRequest;
import com.mobilityha.common.contract.AgentLoginResult;
import com.mobilityha.common.instance.InstanceState;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.gateway.connect.ConnectCalls;
import com.mobilityha.gateway.connect.ConnectClients;
import com.mobilityha.gateway.connect.ConnectErrors;
import com.mobilityha.gateway.health.InstanceHealth;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.AgentStatusType;
import software.amazon.awssdk.services.connect.model.StringComparisonType;
import software.amazon.awssdk.services.connect.model.UserPhoneConfig;
import software.amazon.awssdk.services.connect.model.UserSearchSummary;

import java.util.Comparator;
import java.util.List;

/** Agent operations on Amazon Connect: login with instance failover (S3), statuses. */
@ApplicationScoped
public class AgentService {
    private static final Logger LOG = Logger.getLogger(AgentService.class);
    private static final String AVAILABLE = "Available";
    /** The Connect operations every login spends (the agent statuses are cached): what paces a RELOGIN wave. */
    public static final List<String> LOGIN_OPERATIONS = List.of("SearchUsers", "UpdateUserPhoneConfig", "PutUserStatus");

    private final ConnectClients clients;
    private final ConnectCalls calls;
    private final InstanceHealth health;
    private final CompanyDirectory companies;
    private final AgentStatusCatalog catalog;

    AgentService(ConnectClients clients, ConnectCalls calls, InstanceHealth health, CompanyDirectory companies,
                 AgentStatusCatalog catalog) {
        this.catalog = catalog;
        this.clients = clients;
        this.calls = calls;
        this.health = health;
        this.companies = companies;
    }

    /**
     * S3: logs the user in on the company's primary instance, or on the next one when the primary is
     * DOWN or fails the login; a session then stays on the instance it got (a Connect login cannot move).
     * The phone number Connect is to ring obeys the company's dialing rules, as a dialled number does:
     * a premium-rate desk phone would bill every call the agent takes.
     */
    public AgentLoginResult login(AgentLoginRequest request) {
        Company company = companies.require(request.companyCode());
        if (request.phoneNumber() != null) {
            company.dialing().check("phoneNumber", request.phoneNumber());
        }
        ProblemException lastFailure = null;
        for (InstanceRef instance : candidates(company, request.instanceRole())) {
            if (health.state(instance.instanceId()) == InstanceState.DOWN) {
                lastFailure = ConnectErrors.unavailable(instance, "is down");
                continue;
            }
            try {
                return loginOn(company, instance, request);
            } catch (ProblemException e) {
                if (!e.problem().getType().equals(ProblemType.CONNECT_INSTANCE_UNAVAILABLE.uri())) {
                    throw e;
                }
                LOG.infof("Login for %s failed on the %s instance, trying the next", company.code(), instance.role());
                lastFailure = e;
            }
        }
        if (lastFailure == null) {
            throw new ProblemException(ProblemType.CONNECT_INSTANCE_UNAVAILABLE,
                    "The company has no Connect instance configured");
        }
        throw lastFailure;
    }

    /**
     * B1: the instance a new SSO login should sign in to: the first one this site does not see DOWN
     * (the primary when all are down, so that the login fails on the right instance).
     */
    public InstanceRef loginInstance(String companyCode) {
        Company company = companies.require(companyCode);
        List<InstanceRef> instances = company.connectInstances();
        if (instances.isEmpty()) {
            throw new ProblemException(ProblemType.CONNECT_INSTANCE_UNAVAILABLE,
                    "The company has no Connect instance configured");
        }
        return instances.stream().filter(i -> health.state(i.instanceId()) != InstanceState.DOWN).findFirst()
                .orElse(instances.get(0));
    }

    private static List<InstanceRef> candidates(Company company, String instanceRole) {
        if (instanceRole == null) {
            return company.connectInstances();
        }
        return company.connectInstances().stream().filter(i -> i.role().equals(instanceRole)).findFirst()
                .map(List::of)
                .orElseThrow(() -> ProblemException.invalidFields(List.of(
                        new ProblemException.FieldError("instanceRole", "the company has no such Connect instance"))));
    }

    /** The agent statuses the session's instance offers; a 503 naming it while it is DOWN (the agent must sign in again). */
    public List<AgentStatus> statuses(InstanceRef instance) {
        requireNotDown(instance);
        return catalog.all(instance);
    }

    /** Sets the session's agent to the status of this name (case-insensitive). */
    public AgentStatus setStatus(SessionRecord session, String statusName) {
        return setStatus(session.instance(), session.user().connectUserId(), statusName);
    }

    /** Sets this Connect user of the instance to the status of this name (case-insensitive), e.g. after a logout. */
    public AgentStatus setStatus(InstanceRef instance, String connectUserId, String statusName) {
        requireNotDown(instance);
        AgentStatus status = catalog.named(instance, statusName)
                .orElseThrow(() -> new ProblemException(ProblemType.UNKNOWN_AGENT_STATUS,
                        "No agent status named '" + statusName + "' on the " + instance.role() + " instance"));
        putStatus(instance, connectUserId, status);
        return status;
    }

    private void requireNotDown(InstanceRef instance) {
        if (health.state(instance.instanceId()) == InstanceState.DOWN) {
            throw ConnectErrors.unavailable(instance, "is down");
        }
    }

    private AgentLoginResult loginOn(Company company, InstanceRef instance, AgentLoginRequest request) {
        String userId = userId(instance, request.username());
        configurePhone(company, instance, userId, request.phoneNumber());
        AgentStatus available = makeAvailable(instance, userId);
        return new AgentLoginResult(instance, userId, available.name());
    }

    /** Sets this Connect user of the instance to its routable status ({@code Available} first); the status set. */
    public AgentStatus makeAvailable(InstanceRef instance, String connectUserId) {
        AgentStatus available = statuses(instance).stream()
                .filter(AgentService::routable)
                .min(Comparator.comparing((AgentStatus s) -> !s.name().equals(AVAILABLE)))
                .orElseThrow(() -> new ProblemException(ProblemType.UNKNOWN_AGENT_STATUS,
                        "The " + instance.role() + " instance has no routable agent status"));
        putStatus(instance, connectUserId, available);
        return available;
    }

    /** Whether the status of this name on the instance routes contacts to the agent. */
    public boolean routable(InstanceRef instance, String statusName) {
        return statusName != null && catalog.named(instance, statusName).filter(AgentService::routable).isPresent();
    }

    private static boolean routable(AgentStatus status) {
        return status.type().equals(AgentStatusType.ROUTABLE.toString());
    }

    /**
     * Soft-phone companies get SOFT_PHONE; desk-phone companies get DESK_PHONE ringing the number
     * the agent gave at login, or keep the desk phone number configured in Connect when none was given.
     */
    private void configurePhone(Company company, InstanceRef instance, String userId, String phoneNumber) {
        if (company.phoneType() == PhoneType.DESK_PHONE && phoneNumber == null) {
            return;
        }
        UserPhoneConfig phone = company.phoneType() == PhoneType.DESK_PHONE
                ? UserPhoneConfig.builder().phoneType(software.amazon.awssdk.services.connect.model.PhoneType.DESK_PHONE)
                        .deskPhoneNumber(phoneNumber).autoAccept(false).build()
                : UserPhoneConfig.builder().phoneType(software.amazon.awssdk.services.connect.model.PhoneType.SOFT_PHONE)
                        .autoAccept(false).build();
        ConnectClient connect = clients.of(instance);
        calls.write(instance, "UpdateUserPhoneConfig", () -> connect.updateUserPhoneConfig(r -> r
                .instanceId(instance.instanceId()).userId(userId).phoneConfig(phone)));
    }

    private void putStatus(InstanceRef instance, String userId, AgentStatus status) {
        ConnectClient connect = clients.of(instance);
        calls.write(instance, "PutUserStatus", () -> connect.putUserStatus(r -> r
                .instanceId(instance.instanceId()).userId(userId).agentStatusId(status.id())));
    }

    /** The id of the Connect user of this username on the instance (SearchUsers); a problem when there is none. */
    public String userId(InstanceRef instance, String username) {
        ConnectClient connect = clients.of(instance);
        List<UserSearchSummary> users = calls.read(instance, "SearchUsers", () -> connect.searchUsers(r -> r
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
