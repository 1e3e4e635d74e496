package com.mobilityha.simulator.instance;

import com.mobilityha.simulator.seed.Seed;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

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
    private final AgentEventSink events;
    private volatile Predicate<String> takesCalls = username -> true;

    ConnectInstance(Seed.InstanceSeed seed, Clock clock, AgentEventSink events) {
        this.seed = seed;
        this.clock = clock;
        this.events = events;
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

    /** The Kinesis data stream the instance's agent event stream is configured to (seed, or {@code <alias>-agent-events}). */
    public String agentEventStream() {
        return seed.agentEventStream() != null ? seed.agentEventStream() : seed.alias() + "-agent-events";
    }

    /** The ARN of that Kinesis stream (same account and Region). */
    public String agentEventStreamArn() {
        return "arn:aws:kinesis:" + seed.region() + ":" + seed.accountId() + ":stream/" + agentEventStream();
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The ARN of a resource of this instance, e.g. {@code agent/<id>}. */
    public String arn(String resource) {
        return "arn:aws:connect:" + seed.region() + ":" + seed.accountId() + ":instance/" + seed.instanceId()
                + (resource.isEmpty() ? "" : "/" + resource);
    }

    /**
     * Only the agents whose username passes may be offered calls here: a replica's agents process its
     * contacts only once associated to one of its traffic distribution groups.
     */
    public void offerCallsOnlyTo(Predicate<String> usernames) {
        takesCalls = usernames;
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
        changing(user, List.of(), () -> {
            user.status = status;
            user.statusSince = clock.instant();
        });
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
        changing(user, List.of(), () -> {
            user.phoneType = phoneType;
            user.deskPhoneNumber = "DESK_PHONE".equals(phoneType) ? deskPhoneNumber : null;
            user.autoAccept = autoAccept;
        });
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
        requireE164(destination, "DestinationPhoneNumber");
        if (clientToken != null && contactsByClientToken.containsKey(clientToken)) {
            return contactView(contacts.get(contactsByClientToken.get(clientToken)));
        }
        SimulatedUser agent = queueId == null ? null : usersById.get(queueId);
        if (queueId != null && agent == null) {
            throw AwsError.notFound("Queue not found for id: " + queueId);
        }
        SimulatedContact contact = new SimulatedContact(UUID.randomUUID().toString(), agent == null ? null : agent.id,
                destination, "API", null, ContactState.CONNECTED, clock.instant());
        if (agent == null) {
            contacts.put(contact.id, contact);
        } else {
            changing(agent, List.of(), () -> contacts.put(contact.id, contact));
        }
        if (clientToken != null) {
            contactsByClientToken.put(clientToken, contact.id);
        }
        return contactView(contact);
    }

    /** The agent hangs up (StopContact). */
    public synchronized void stopContact(String contactId) {
        end(requireActiveContact(contactId), ContactState.ENDED);
    }

    /**
     * A customer calls the instance: the call is offered to {@code username}, or else to the routable
     * agent without a contact who has been in their status longest (Connect's longest-idle routing).
     * A desk phone rings the agent's number, a soft phone connects; with auto-accept on a soft phone
     * the call is connected at once.
     */
    public synchronized ContactView inboundCall(String customerNumber, String username) {
        requireE164(customerNumber, "CustomerNumber");
        SimulatedUser agent = username == null ? longestIdleAgent() : usersByName.get(username);
        if (agent == null || !routable(agent)) {
            throw AwsError.invalidRequest(username == null ? "No agent is available to take the call"
                    : "Agent " + username + " is not available to take a call");
        }
        return offer(agent, customerNumber, "INBOUND", null);
    }

    /** The agent answers a ringing contact. */
    public synchronized void answer(String contactId) {
        SimulatedContact contact = requireActiveContact(contactId);
        if (contact.state != ContactState.CONNECTING) {
            throw AwsError.invalidRequest("Contact is not ringing: " + contactId);
        }
        changing(usersById.get(contact.agentUserId), List.of(), () -> contact.moveTo(ContactState.CONNECTED, clock.instant()));
    }

    /** The agent does not answer a ringing contact. */
    public synchronized void miss(String contactId) {
        SimulatedContact contact = requireActiveContact(contactId);
        if (contact.state != ContactState.CONNECTING) {
            throw AwsError.invalidRequest("Contact is not ringing: " + contactId);
        }
        end(contact, ContactState.MISSED);
    }

    /** The customer hangs up. */
    public synchronized void customerHangUp(String contactId) {
        end(requireActiveContact(contactId), ContactState.ENDED);
    }

    /**
     * The agent transfers a connected contact to another agent: it ends for the first agent and a new
     * contact ({@code TRANSFER}, naming the first as its previous contact) is offered to the second.
     */
    public synchronized ContactView transfer(String contactId, String toUsername) {
        SimulatedContact contact = requireActiveContact(contactId);
        SimulatedUser target = toUsername == null ? null : usersByName.get(toUsername);
        if (contact.state != ContactState.CONNECTED || target == null || !routable(target)) {
            throw AwsError.invalidRequest("Contact " + contactId + " cannot be transferred to " + toUsername);
        }
        end(contact, ContactState.ENDED);
        return offer(target, contact.customerNumber, "TRANSFER", contact.id);
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

    private ContactView offer(SimulatedUser agent, String customerNumber, String initiationMethod, String previousContactId) {
        boolean autoConnect = "SOFT_PHONE".equals(agent.phoneType) && agent.autoAccept;
        SimulatedContact contact = new SimulatedContact(UUID.randomUUID().toString(), agent.id, customerNumber,
                initiationMethod, previousContactId, autoConnect ? ContactState.CONNECTED : ContactState.CONNECTING,
                clock.instant());
        changing(agent, List.of(), () -> contacts.put(contact.id, contact));
        return contactView(contact);
    }

    private void end(SimulatedContact contact, ContactState how) {
        SimulatedUser agent = contact.agentUserId == null ? null : usersById.get(contact.agentUserId);
        if (agent == null) {
            contact.moveTo(how, clock.instant());
        } else {
            changing(agent, List.of(contact), () -> contact.moveTo(how, clock.instant()));
        }
    }

    /**
     * Applies a change to an agent and publishes it as a STATE_CHANGE event; {@code ending} are the
     * contacts the change ends, shown once more in the new snapshot in their final state.
     */
    private void changing(SimulatedUser agent, List<SimulatedContact> ending, Runnable change) {
        Map<String, Object> previous = AgentSnapshot.of(this, agent, activeContactsOf(agent, List.of()));
        change.run();
        Map<String, Object> current = AgentSnapshot.of(this, agent, activeContactsOf(agent, ending));
        events.stateChanged(this, arn("agent/" + agent.id), previous, current);
    }

    private List<SimulatedContact> activeContactsOf(SimulatedUser agent, List<SimulatedContact> ending) {
        List<SimulatedContact> shown = new ArrayList<>();
        for (SimulatedContact contact : contacts.values()) {
            if (agent.id.equals(contact.agentUserId) && (contact.active() || ending.contains(contact))) {
                shown.add(contact);
            }
        }
        return shown;
    }

    private SimulatedUser longestIdleAgent() {
        return usersById.values().stream().filter(this::routable)
                .min(Comparator.comparing((SimulatedUser u) -> u.statusSince)).orElse(null);
    }

    /** Available (a ROUTABLE status), allowed to take this instance's calls and without a contact in progress. */
    private boolean routable(SimulatedUser agent) {
        return "ROUTABLE".equals(agent.status.type()) && takesCalls.test(agent.username)
                && contacts.values().stream().noneMatch(c -> agent.id.equals(c.agentUserId) && c.active());
    }

    private SimulatedContact requireActiveContact(String contactId) {
        SimulatedContact contact = requireContact(contactId);
        if (!contact.active()) {
            throw AwsError.invalidRequest("Contact is not active: " + contactId);
        }
        return contact;
    }

    private static void requireE164(String number, String member) {
        if (number == null || !number.matches("\\+[1-9]\\d{6,14}")) {
            throw AwsError.invalidParameter(member + " must be an E.164 number");
        }
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
        return new ContactView(c.id, arn("contact/" + c.id), c.agentUserId, c.customerNumber, c.initiationMethod,
                c.previousContactId, c.initiatedAt, c.connectedToAgentAt, c.disconnectedAt, c.state.name());
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
    public record ContactView(String id, String arn, String agentUserId, String customerNumber,
                              String initiationMethod, String previousContactId, Instant initiatedAt,
                              Instant connectedToAgentAt, Instant disconnectedAt, String state) {
    }
}
