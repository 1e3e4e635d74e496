package com.mobilityha.gateway.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parts of an Amazon Connect agent event (admin guide, "Agent event streams data model") the
 * gateway acts on. Unknown members are ignored, as the data model grows.
 *
 * @param type       LOGIN, LOGOUT, STATE_CHANGE or HEART_BEAT
 * @param at         when Connect published it ({@code EventTimestamp})
 * @param instanceId the instance, from {@code InstanceARN}
 * @param userId     the agent's Connect user id, from {@code AgentARN}
 * @param username   the agent's username (current snapshot's configuration)
 * @param contacts   the agent's contacts now
 * @param before     the agent's contacts before this event
 */
record AgentEvent(String type, Instant at, String instanceId, String userId, String username, List<Contact> contacts,
                  List<Contact> before) {
    static final String STATE_CHANGE = "STATE_CHANGE";

    /** A contact of the agent and its state (CONNECTING, CONNECTED, CONNECTED_ONHOLD, ENDED, MISSED, …). */
    record Contact(String contactId, String state, String initiationMethod, String channel) {
        /** A voice call in progress for the agent (ringing, connected or on hold). */
        boolean callInProgress() {
            return "VOICE".equals(channel)
                    && ("CONNECTING".equals(state) || "CONNECTED".equals(state) || "CONNECTED_ONHOLD".equals(state));
        }
    }

    /** The contact of this id in the event's current snapshot. */
    Optional<Contact> now(String contactId) {
        return contacts.stream().filter(c -> c.contactId().equals(contactId)).findFirst();
    }

    boolean listedBefore(String contactId) {
        return before.stream().anyMatch(c -> c.contactId().equals(contactId));
    }

    /** Reads an event record; a record that is not an agent event is {@link Malformed}. */
    static AgentEvent parse(byte[] data, ObjectMapper mapper) {
        JsonNode json;
        try {
            json = mapper.readTree(data);
        } catch (IOException e) {
            throw new Malformed("not JSON");
        }
        if (json == null || !json.isObject()) {
            throw new Malformed("not a JSON object");
        }
        String type = text(json, "EventType");
        Instant at;
        try {
            at = Instant.parse(text(json, "EventTimestamp"));
        } catch (DateTimeParseException e) {
            throw new Malformed("EventTimestamp is no ISO-8601 instant");
        }
        String instanceId = after(text(json, "InstanceARN"), ":instance/");
        String userId = after(text(json, "AgentARN"), "/agent/");
        if (!STATE_CHANGE.equals(type)) {
            return new AgentEvent(type, at, instanceId, userId, null, List.of(), List.of());
        }
        JsonNode current = json.get("CurrentAgentSnapshot");
        if (current == null || !current.isObject()) {
            throw new Malformed("STATE_CHANGE without CurrentAgentSnapshot");
        }
        return new AgentEvent(type, at, instanceId, userId, text(current.path("Configuration"), "Username"),
                contacts(current), contacts(json.path("PreviousAgentSnapshot")));
    }

    private static List<Contact> contacts(JsonNode snapshot) {
        List<Contact> contacts = new ArrayList<>();
        for (JsonNode c : snapshot.path("Contacts")) {
            contacts.add(new Contact(text(c, "ContactId"), text(c, "State"), c.path("InitiationMethod").asText(""),
                    c.path("Channel").asText("")));
        }
        return contacts;
    }

    private static String text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new Malformed("no " + member);
        }
        return value.asText();
    }

    private static String after(String arn, String marker) {
        int at = arn.indexOf(marker);
        if (at < 0) {
            throw new Malformed("not an ARN with " + marker.replace("/", "").replace(":", "") + ": " + arn);
        }
        String rest = arn.substring(at + marker.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /** A record that is not an agent event the gateway can read. */
    static final class Malformed extends RuntimeException {
        Malformed(String why) {
            super(why, null, false, false);
        }
    }
}
