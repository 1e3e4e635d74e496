package com.mobilityha.simulator.instance;

import com.mobilityha.simulator.seed.Seed;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * One simulated Amazon Connect instance. Ids are derived from the seed (stable across restarts and
 * resets). Every method is synchronized: the instance is its own lock.
 */
public final class ConnectInstance {
    private final Seed.InstanceSeed seed;
    private final Clock clock;
    private final Map<String, AgentStatusDef> statuses = new LinkedHashMap<>();
    private final Map<String, String> routingProfiles = new LinkedHashMap<>();
    private final Map<String, SimulatedUser> usersById = new LinkedHashMap<>();
    private final Map<String, SimulatedUser> usersByName = new LinkedHashMap<>();
    private final Map<String, SimulatedContact> contacts = new LinkedHashMap<>();
    private final Map<String, String> contactsByClientToken = new LinkedHashMap<>();
    private final Instant createdAt;

    ConnectInstance(Seed.InstanceSeed seed, Clock clock) {
        this.seed = seed;
        this.clock = clock;
        this.createdAt = clock.instant();
        reset();
    }

    /** Back to the seed: every user Offline, no contacts. */
    public synchronized void reset() {
        statuses.clear();
        routingProfiles.clear();
        usersById.clear();
        usersByName.clear();
        contacts.clear();
        contactsByClientToken.clear();
        for (Seed.StatusSeed status : seed.agentStatuses()) {
            String id = stableId("status", status.name());
            statuses.put(id, new AgentStatusDef(id, arn("agent-state/" + id), status.name(), status.type()));
        }
        for (String profile : seed.routingProfiles()) {
            routingProfiles.put(profile, stableId("routing-profile", profile));
        }
        AgentStatusDef offline = statuses.values().stream().filter(s -> s.type().equals("OFFLINE")).findFirst()
                .orElseThrow(() -> new IllegalStateException("instance " + seed.instanceId() + " needs an OFFLINE status"));
        Instant now = clock.instant();
        for (Seed.UserSeed user : seed.users()) {
            addUser(user.username(), user.firstName(), user.lastName(), user.routingProfile(), offline, now);
        }
        Seed.GeneratedUsers generated = seed.generatedUsers();
        if (generated != null) {
            for (int i = 1; i <= generated.count(); i++) {
                String name = String.format("%s%04d", generated.prefix(), i);
                addUser(name, "Agent", String.valueOf(i), generated.routingProfile(), offline, now);
            }
        }
    }

    public String id() {
        return seed.instanceId();
    }

    public String alias() {
        return seed.alias();
    }

    /** The AWS account that owns the instance. */
    public String accountId() {
        return seed.accountId();
    }

    public String region() {
        return seed.region();
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The ARN of a resource of this instance, e.g. {@code agent/<id>}. */
    public String arn(String resource) {
        return "arn:aws:connect:" + seed.region() + ":" + seed.accountId() + ":instance/" + seed.instanceId()
                + (resource.isEmpty() ? "" : "/" + resource);
    }

    public synchronized List<AgentStatusDef> statuses() {
        return List.copyOf(statuses.values());
    }

    /** Users whose username (or first/last name) matches the condition; EXACT, CONTAINS or STARTS_WITH. */
    public synchronized List<UserView> searchUsers(String field, String value, String comparison) {
        List<UserView> found = new ArrayList<>();
        for (SimulatedUser user : usersById.values()) {
            if (field == null || value == null || matches(fieldOf(user, field), value, comparison)) {
                found.add(view(user));
            }
        }
        return found;
    }

    public synchronized UserView user(String userId) {
        return view(requireUser(userId));
    }

    public synchronized UserView userByName(String username) {
        SimulatedUser user = usersByName.get(username);
        if (user == null) {
            throw AwsError.notFound("User not found for username: " + username);
        }
        return view(user);
    }

    public synchronized void putUserStatus(String userId, String agentStatusId) {
        SimulatedUser user = requireUser(userId);
        AgentStatusDef status = statuses.get(agentStatusId);
        if (status == null) {
            throw AwsError.notFound("AgentStatus not found for id: " + agentStatusId);
        }
        user.status = status;
        user.statusSince = clock.instant();
    }

    public synchronized void updatePhoneConfig(String userId, String phoneType, String deskPhoneNumber,
                                               boolean autoAccept) {
        SimulatedUser user = requireUser(userId);
        if (!"SOFT_PHONE".equals(phoneType) && !"DESK_PHONE".equals(phoneType)) {
            throw AwsError.invalidParameter("PhoneType must be SOFT_PHONE or DESK_PHONE");
        }
        if ("DESK_PHONE".equals(phoneType) && (deskPhoneNumber == null || !deskPhoneNumber.matches("\\+[1-9]\\d{6,14}"))) {
            throw AwsError.invalidParameter("DeskPhoneNumber must be an E.164 number for DESK_PHONE");
        }
        user.phoneType = phoneType;
        user.deskPhoneNumber = "DESK_PHONE".equals(phoneType) ? deskPhoneNumber : null;
        user.autoAccept = autoAccept;
    }

    /** Current data of these users (all users when none is named). */
    public synchronized List<UserView> currentUserData(List<String> userIds) {
        if (userIds == null || userIds.isEmpty()) {
            return usersById.values().stream().map(this::view).toList();
        }
        return userIds.stream().filter(usersById::containsKey).map(id -> view(usersById.get(id))).toList();
    }

    /** Places an outbound call; a QueueId naming a user (agent queue) connects the call to that agent. */
    public synchronized ContactView startOutboundVoiceContact(String destination, String queueId, String clientToken) {
        if (destination == null || !destination.matches("\\+[1-9]\\d{6,14}")) {
            throw AwsError.invalidParameter("DestinationPhoneNumber must be an E.164 number");
        }
        if (clientToken != null && contactsByClientToken.containsKey(clientToken)) {
            return contactView(contacts.get(contactsByClientToken.get(clientToken)));
        }
        SimulatedUser agent = queueId == null ? null : usersById.get(queueId);
        if (queueId != null && agent == null) {
            throw AwsError.notFound("Queue not found for id: " + queueId);
        }
        String id = UUID.randomUUID().toString();
        SimulatedContact contact = new SimulatedContact(id, agent == null ? null : agent.id, destination, clock.instant());
        contacts.put(id, contact);
        if (clientToken != null) {
            contactsByClientToken.put(clientToken, id);
        }
        return contactView(contact);
    }

    public synchronized void stopContact(String contactId) {
        SimulatedContact contact = requireContact(contactId);
        if (!contact.active()) {
            throw AwsError.invalidRequest("Contact is not active: " + contactId);
        }
        contact.disconnectedAt = clock.instant();
    }

    public synchronized ContactView contact(String contactId) {
        return contactView(requireContact(contactId));
    }

    public synchronized List<ContactView> contacts() {
        return contacts.values().stream().map(this::contactView).toList();
    }

    public synchronized int userCount() {
        return usersById.size();
    }

    private void addUser(String username, String firstName, String lastName, String routingProfile,
                         AgentStatusDef status, Instant now) {
        String id = stableId("user", username);
        String profileId = routingProfiles.getOrDefault(routingProfile, stableId("routing-profile", "default"));
        SimulatedUser user = new SimulatedUser(id, username, firstName, lastName, profileId, status, now);
        usersById.put(id, user);
        usersByName.put(username, user);
    }

    private SimulatedUser requireUser(String userId) {
        SimulatedUser user = usersById.get(userId);
        if (user == null) {
            throw AwsError.notFound("User not found for id: " + userId);
        }
        return user;
    }

    private SimulatedContact requireContact(String contactId) {
        SimulatedContact contact = contacts.get(contactId);
        if (contact == null) {
            throw AwsError.notFound("Contact not found for id: " + contactId);
        }
        return contact;
    }

    private UserView view(SimulatedUser u) {
        List<ContactView> active = contacts.values().stream()
                .filter(c -> u.id.equals(c.agentUserId) && c.active()).map(this::contactView).toList();
        return new UserView(u.id, arn("agent/" + u.id), u.username, u.firstName, u.lastName, u.routingProfileId,
                arn("routing-profile/" + u.routingProfileId), u.status, u.statusSince, u.phoneType, u.deskPhoneNumber,
                u.autoAccept, active);
    }

    private ContactView contactView(SimulatedContact c) {
        return new ContactView(c.id, arn("contact/" + c.id), c.agentUserId, c.destination, c.initiatedAt,
                c.disconnectedAt, c.active() ? "CONNECTED" : "ENDED");
    }

    private String stableId(String kind, String name) {
        return UUID.nameUUIDFromBytes((seed.instanceId() + "/" + kind + "/" + name).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static String fieldOf(SimulatedUser user, String field) {
        return switch (field) {
            case "Username" -> user.username;
            case "FirstName" -> user.firstName;
            case "LastName" -> user.lastName;
            default -> throw AwsError.invalidParameter("Unsupported search field: " + field);
        };
    }

    private static boolean matches(String actual, String value, String comparison) {
        String a = actual.toLowerCase(Locale.ROOT);
        String v = value.toLowerCase(Locale.ROOT);
        return switch (comparison == null ? "EXACT" : comparison) {
            case "EXACT" -> actual.equals(value);
            case "CONTAINS" -> a.contains(v);
            case "STARTS_WITH" -> a.startsWith(v);
            default -> throw AwsError.invalidParameter("Unsupported ComparisonType: " + comparison);
        };
    }

    /** A user with its live state, as the API and the admin view show it. */
    @RegisterForReflection
    public record UserView(String id, String arn, String username, String firstName, String lastName,
                           String routingProfileId, String routingProfileArn, AgentStatusDef status,
                           Instant statusSince, String phoneType, String deskPhoneNumber, boolean autoAccept,
                           List<ContactView> activeContacts) {
    }

    /** A contact as the API and the admin view show it. */
    @RegisterForReflection
    public record ContactView(String id, String arn, String agentUserId, String destination, Instant initiatedAt,
                              Instant disconnectedAt, String state) {
    }
}
