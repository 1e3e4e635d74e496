package com.mobilityha.simulator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityha.simulator.instance.AgentStatusDef;
import com.mobilityha.simulator.instance.AwsError;
import com.mobilityha.simulator.instance.ConnectInstance.ContactView;
import com.mobilityha.simulator.instance.ConnectInstance.UserView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** restJson1 shapes of Connect responses (PascalCase members, epoch-second timestamps). */
final class Json {
    private Json() {
    }

    /** A request body as a JSON object (an empty one for no body), or Connect's SerializationException. */
    static JsonNode object(ObjectMapper mapper, String body) {
        if (body == null || body.isBlank()) {
            return mapper.createObjectNode();
        }
        try {
            JsonNode json = mapper.readTree(body);
            if (!json.isObject()) {
                throw new AwsError(400, "SerializationException", "Request body must be a JSON object");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new AwsError(400, "SerializationException", "Request body could not be deserialized");
        }
    }

    static Object time(Instant instant) {
        return instant == null ? null : instant.toEpochMilli() / 1000.0;
    }

    static String requiredText(JsonNode body, String member) {
        JsonNode value = body == null ? null : body.get(member);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw AwsError.invalidParameter(member + " is required");
        }
        return value.asText();
    }

    static String optionalText(JsonNode body, String member) {
        JsonNode value = body == null ? null : body.get(member);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    static Map<String, Object> status(AgentStatusDef s, String region) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Id", s.id());
        json.put("Arn", s.arn());
        json.put("Name", s.name());
        json.put("Type", s.type());
        json.put("LastModifiedRegion", region);
        return json;
    }

    static Map<String, Object> userSummary(UserView u) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Id", u.id());
        json.put("Arn", u.arn());
        json.put("Username", u.username());
        json.put("IdentityInfo", Map.of("FirstName", u.firstName(), "LastName", u.lastName()));
        json.put("PhoneConfig", phoneConfig(u));
        json.put("RoutingProfileId", u.routingProfileId());
        json.put("SecurityProfileIds", List.of());
        return json;
    }

    static Map<String, Object> phoneConfig(UserView u) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("PhoneType", u.phoneType());
        json.put("AutoAccept", u.autoAccept());
        json.put("AfterContactWorkTimeLimit", 0);
        if (u.deskPhoneNumber() != null) {
            json.put("DeskPhoneNumber", u.deskPhoneNumber());
        }
        return json;
    }

    static Map<String, Object> userData(UserView u) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("User", Map.of("Id", u.id(), "Arn", u.arn()));
        json.put("RoutingProfile", Map.of("Id", u.routingProfileId(), "Arn", u.routingProfileArn()));
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("StatusStartTimestamp", time(u.statusSince()));
        status.put("StatusArn", u.status().arn());
        status.put("StatusName", u.status().name());
        json.put("Status", status);
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (ContactView c : u.activeContacts()) {
            Map<String, Object> contact = new LinkedHashMap<>();
            contact.put("ContactId", c.id());
            contact.put("Channel", "VOICE");
            contact.put("InitiationMethod", c.initiationMethod());
            contact.put("AgentContactState", c.state());
            contact.put("StateStartTimestamp", time(c.initiatedAt()));
            contact.put("ConnectedToAgentTimestamp", time(c.connectedToAgentAt()));
            contacts.add(contact);
        }
        json.put("Contacts", contacts);
        json.put("AvailableSlotsByChannel", Map.of("VOICE", contacts.isEmpty() ? 1 : 0));
        json.put("MaxSlotsByChannel", Map.of("VOICE", 1));
        json.put("ActiveSlotsByChannel", Map.of("VOICE", contacts.size()));
        return json;
    }

    static Map<String, Object> contact(ContactView c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Id", c.id());
        json.put("Arn", c.arn());
        json.put("InitiationMethod", c.initiationMethod());
        json.put("Channel", "VOICE");
        if (c.previousContactId() != null) {
            json.put("PreviousContactId", c.previousContactId());
        }
        json.put("InitiationTimestamp", time(c.initiatedAt()));
        if (c.disconnectedAt() != null) {
            json.put("DisconnectTimestamp", time(c.disconnectedAt()));
        }
        if (c.agentUserId() != null) {
            Map<String, Object> agent = new LinkedHashMap<>();
            agent.put("Id", c.agentUserId());
            agent.put("ConnectedToAgentTimestamp", time(c.connectedToAgentAt()));
            json.put("AgentInfo", agent);
        }
        return json;
    }
}
