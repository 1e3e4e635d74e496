package com.mobilityha.common.agent;

import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionRecord.InstanceRef;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * One stream entry of {@link OfflineDuties}: the agent of an ended session is to be set Offline on the Connect
 * instance the session was logged in to. It carries what the gateway needs without the session's token (which is
 * never stored): the Connect user on that instance, and the company and username whose other live sessions say
 * the agent is in use again.
 *
 * @param sessionId     the session that logged out (its duty's identity: one duty per logout)
 * @param companyCode   the tenant
 * @param username      the directory login name, whose sessions the gateway looks at before acting
 * @param connectUserId the agent's Connect user id on {@code instance}
 * @param instance      the Connect instance the session was logged in to
 * @param loggedOutAt   when the logout happened
 */
public record OfflineDuty(String sessionId, String companyCode, String username, String connectUserId,
                          InstanceRef instance, Instant loggedOutAt) {

    /** The duty of a session logged out at {@code at}. */
    public static OfflineDuty of(SessionRecord session, Instant at) {
        return new OfflineDuty(session.sessionId(), session.companyCode(), session.user().username(),
                session.user().connectUserId(), session.instance(), at);
    }

    /** The entry's fields as stored in the stream. */
    public Map<String, String> toFields() {
        Map<String, String> fields = new HashMap<>();
        fields.put("sessionId", sessionId);
        fields.put("companyCode", companyCode);
        fields.put("username", username);
        fields.put("connectUserId", connectUserId);
        fields.put("instanceRole", instance.role());
        fields.put("instanceId", instance.instanceId());
        fields.put("region", instance.region());
        fields.put("loggedOutAt", Long.toString(loggedOutAt.toEpochMilli()));
        return fields;
    }

    /** The duty of a stream entry, from the fields {@link #toFields()} stored; IllegalArgumentException when one is missing. */
    public static OfflineDuty fromFields(Map<String, String> fields) {
        return new OfflineDuty(required(fields, "sessionId"), required(fields, "companyCode"),
                required(fields, "username"), required(fields, "connectUserId"),
                new InstanceRef(required(fields, "instanceRole"), required(fields, "instanceId"), required(fields, "region")),
                Instant.ofEpochMilli(Long.parseLong(required(fields, "loggedOutAt"))));
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("an offline duty needs " + name);
        }
        return value;
    }
}
