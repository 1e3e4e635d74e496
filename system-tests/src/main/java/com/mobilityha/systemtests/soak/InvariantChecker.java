package com.mobilityha.systemtests.soak;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.localstack.push.Delivery;
import com.mobilityha.localstack.redis.RedisProcess;
import com.mobilityha.systemtests.app.Http;
import com.mobilityha.systemtests.stack.LocalStack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Holds a stack, at rest, to what its servers promised: reads every session record and index in Redis (as the
 * admin user), the agents and contacts of the Connect simulator and the phones' pushes on the mock APNs server,
 * and lists each {@link Violation} of an {@link Invariant} with what it found. What the apps were told comes from
 * a {@link Ledger}.
 */
final class InvariantChecker {
    /** Entries a consumed stream may hold at rest: an untrimmed one holds every push and call event ever written. */
    static final long STREAM_BOUND = 1000;
    private static final int CHUNK = 200;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> INSTANCES = List.of(LocalStack.PRIMARY_INSTANCE, LocalStack.SECONDARY_INSTANCE);
    private static final String AT_REST = "pending 0, lag 0";
    private static final Set<String> CONTACT_IN_PROGRESS = Set.of("CONNECTING", "CONNECTED");

    private final LocalStack stack;
    private final Http http = new Http(Duration.ofSeconds(10));
    private int redisPort;

    InvariantChecker(LocalStack stack) {
        this.stack = stack;
    }

    /** What must hold once a stack is at rest. */
    enum Invariant {
        SESSION_LOST("acknowledged sessions lost"),
        LOGGED_OUT_SESSION_USABLE("logged-out sessions usable"),
        RECORD_AND_INDEXES_DISAGREE("sessions whose record and indexes disagree"),
        AVAILABLE_WITHOUT_SESSION("agents Available without a live session"),
        CALL_STUCK("calls stuck on a session"),
        NOTIFICATION_UNDELIVERED("notifications accepted but never delivered"),
        STREAM_UNBOUNDED("streams over their bound, stuck or dead-lettered");

        private final String description;

        Invariant(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    /** One thing found broken, with what was found. */
    record Violation(Invariant invariant, String detail) {
    }

    /** The violations found, and what was read: stored sessions and each stream's length. */
    record Findings(List<Violation> violations, int storedSessions, int usableSessions, Map<String, Long> streamLengths) {
        long count(Invariant invariant) {
            return violations.stream().filter(violation -> violation.invariant() == invariant).count();
        }

        /** "acknowledged sessions lost 0, …" for every invariant, in order. */
        String countsPerInvariant() {
            return Arrays.stream(Invariant.values()).map(invariant -> invariant.description() + " " + count(invariant))
                    .collect(Collectors.joining(", "));
        }

        Map<Invariant, Long> counts() {
            Map<Invariant, Long> counts = new EnumMap<>(Invariant.class);
            Arrays.stream(Invariant.values()).forEach(invariant -> counts.put(invariant, count(invariant)));
            return counts;
        }
    }

    /** Reads the stack and holds it to the ledger. */
    Findings check(Ledger ledger) {
        redisPort = stack.redisMasterPort();
        if (!RedisProcess.cli(redisPort, "PING").trim().equals("PONG")) {
            throw new IllegalStateException("the Redis master on " + redisPort + " does not answer");
        }
        List<Violation> violations = new ArrayList<>();
        Map<String, StoredSession> sessions = storedSessions();
        checkLedger(ledger, sessions, violations);
        checkIndexes(sessions, violations);
        checkConnect(ledger.agents(), sessions, violations);
        checkNotifications(ledger, violations);
        Map<String, Long> streams = checkStreams(violations);
        return new Findings(List.copyOf(violations), sessions.size(),
                (int) sessions.values().stream().filter(StoredSession::usable).count(), streams);
    }

    /** Acknowledged sessions exist and are usable and were never refused; logged-out ones are not usable. */
    private static void checkLedger(Ledger ledger, Map<String, StoredSession> sessions, List<Violation> violations) {
        ledger.liveSessions().forEach((agent, sessionId) -> {
            StoredSession session = sessions.get(sessionId);
            if (session == null) {
                violations.add(new Violation(Invariant.SESSION_LOST, agent + "'s session " + sessionId
                        + " (login answered 201, never logged out) is not in Redis"));
            } else if (!session.usable()) {
                violations.add(new Violation(Invariant.SESSION_LOST, agent + "'s session " + sessionId
                        + " (login answered 201, never logged out) is ENDED"));
            }
        });
        ledger.refusedUnaskedSessions().forEach((sessionId, agent) -> {
            StoredSession session = sessions.get(sessionId);
            violations.add(new Violation(Invariant.SESSION_LOST, agent + "'s session " + sessionId
                    + " (login answered 201, never logged out) was refused with 401; Redis has it "
                    + (session == null ? "nowhere" : session.status())));
        });
        for (String sessionId : ledger.loggedOutSessions()) {
            StoredSession session = sessions.get(sessionId);
            if (session != null && session.usable()) {
                violations.add(new Violation(Invariant.LOGGED_OUT_SESSION_USABLE, "session " + session.describe()
                        + " was logged out (204) and is " + session.status() + " again"));
            }
        }
    }

    /**
     * Every usable session is in exactly the indexes its record names (company, user, instance, site) with an
     * id → token reference to its record; every index member is such a session.
     */
    private void checkIndexes(Map<String, StoredSession> sessions, List<Violation> violations) {
        List<String> ids = new ArrayList<>(sessions.keySet());
        List<String> references = mget(ids.stream().map(RedisKeys::tokenHashOfSession).toList());
        for (int i = 0; i < ids.size(); i++) {
            StoredSession session = sessions.get(ids.get(i));
            if (!session.tokenHash().equals(references.get(i))) {
                violations.add(new Violation(Invariant.RECORD_AND_INDEXES_DISAGREE, "session " + session.describe()
                        + ": its id refers to " + (references.get(i).isEmpty() ? "no record" : "another record")));
            }
        }
        Map<String, Set<String>> members = new LinkedHashMap<>();
        for (String index : scan(RedisKeys.indexPattern())) {
            members.put(index, new HashSet<>(lines(cli("SMEMBERS", index))));
        }
        members.forEach((index, ids0) -> {
            for (String id : ids0) {
                StoredSession session = sessions.get(id);
                if (session == null) {
                    violations.add(new Violation(Invariant.RECORD_AND_INDEXES_DISAGREE, index + " holds " + id
                            + ", which has no session record"));
                } else if (!session.indexes().contains(index)) {
                    violations.add(new Violation(Invariant.RECORD_AND_INDEXES_DISAGREE, index + " holds session "
                            + session.describe()));
                }
            }
        });
        for (StoredSession session : sessions.values()) {
            for (String index : session.indexes()) {
                if (!members.getOrDefault(index, Set.of()).contains(session.id())) {
                    violations.add(new Violation(Invariant.RECORD_AND_INDEXES_DISAGREE, "session " + session.describe()
                            + " is missing from " + index));
                }
            }
        }
    }

    /** No agent is Available on an instance without a usable session there; no session names a call Connect ended. */
    private void checkConnect(List<String> agents, Map<String, StoredSession> sessions, List<Violation> violations) {
        for (String instanceId : INSTANCES) {
            for (String agent : agents) {
                JsonNode view = simulator("/admin/instances/" + instanceId + "/agents/" + agent);
                if (!"Available".equals(view.path("status").asText())) {
                    continue;
                }
                List<StoredSession> there = sessions.values().stream()
                        .filter(s -> s.user().equals(agent) && s.instanceId().equals(instanceId)).toList();
                if (there.stream().noneMatch(StoredSession::usable)) {
                    violations.add(new Violation(Invariant.AVAILABLE_WITHOUT_SESSION, agent + " is Available on "
                            + instanceName(instanceId) + " since " + view.path("statusSince").asText()
                            + " without a live session there (its sessions there: "
                            + (there.isEmpty() ? "none" : there.stream().map(StoredSession::describe)
                            .collect(Collectors.joining("; "))) + ")"));
                }
            }
            Map<String, String> contactStates = new HashMap<>();
            simulator("/admin/instances/" + instanceId + "/contacts")
                    .forEach(contact -> contactStates.put(contact.path("id").asText(), contact.path("state").asText()));
            sessions.values().stream()
                    .filter(s -> s.usable() && s.contactId() != null && s.instanceId().equals(instanceId))
                    .filter(s -> !CONTACT_IN_PROGRESS.contains(contactStates.getOrDefault(s.contactId(), "")))
                    .forEach(s -> violations.add(new Violation(Invariant.CALL_STUCK, "session " + s.describe()
                            + " is on call " + s.contactId() + ", which " + instanceName(instanceId)
                            + (contactStates.containsKey(s.contactId()) ? " shows " + contactStates.get(s.contactId())
                            : " does not know"))));
        }
    }

    /** Every notification answered 202 has its report, and reached every phone it was for. */
    private void checkNotifications(Ledger ledger, List<Violation> violations) {
        for (Ledger.AcceptedNotification notification : ledger.notifications()) {
            String id = notification.notificationId();
            List<String> report = lines(cli("HMGET", RedisKeys.notificationReport(id), "kind", "sessions", "targeted",
                    "sent", "failed", "pruned"));
            if (report.isEmpty() || report.get(0).isEmpty()) {
                violations.add(new Violation(Invariant.NOTIFICATION_UNDELIVERED, "notification " + id
                        + " (answered 202) has no delivery report"));
            }
            String counts = report.size() < 6 ? "" : String.format(" (report: %s sessions, %s devices targeted, %s sent, "
                    + "%s failed, %s pruned)", report.get(1), report.get(2), report.get(3), report.get(4), report.get(5));
            notification.tokensByAgent().forEach((agent, token) -> {
                if (stack.apns().deliveriesTo(token).stream().noneMatch(push -> carries(push, id))) {
                    violations.add(new Violation(Invariant.NOTIFICATION_UNDELIVERED, "notification " + id
                            + " (answered 202) never reached " + agent + "'s iPhone" + counts));
                }
            });
        }
    }

    /**
     * The consumed streams hold at most {@link #STREAM_BOUND} entries, none pending or unread by a consumer group;
     * the dead-letter streams are empty (each entry there is a push or call event given up). Each stream's length.
     */
    private Map<String, Long> checkStreams(List<Violation> violations) {
        Map<String, Long> lengths = new LinkedHashMap<>();
        for (String stream : List.of(RedisKeys.notifications(), RedisKeys.callEvents())) {
            long length = length(stream);
            lengths.put(stream, length);
            if (length > STREAM_BOUND) {
                violations.add(new Violation(Invariant.STREAM_UNBOUNDED, stream + " holds " + length
                        + " entries at rest (bound " + STREAM_BOUND + ")"));
            }
            if (length > 0) {
                groups(stream).forEach((group, backlog) -> {
                    if (!backlog.equals(AT_REST)) {
                        violations.add(new Violation(Invariant.STREAM_UNBOUNDED, stream + ": consumer group " + group
                                + " has entries left at rest (" + backlog + ")"));
                    }
                });
            }
        }
        for (String stream : List.of(RedisKeys.notificationDeadLetters(), RedisKeys.callEventDeadLetters())) {
            long length = length(stream);
            lengths.put(stream, length);
            if (length > 0) {
                violations.add(new Violation(Invariant.STREAM_UNBOUNDED, stream + " holds " + length
                        + " dead letters, the first: "
                        + String.join(" ", lines(cli("XRANGE", stream, "-", "+", "COUNT", "1")))));
            }
        }
        return lengths;
    }

    private long length(String stream) {
        return Long.parseLong(cli("XLEN", stream).trim());
    }

    /**
     * Each consumer group of a stream and its backlog, "pending N, lag M" (XINFO GROUPS, flattened by redis-cli). Redis
     * cannot always count the lag of a trimmed stream; then the group is caught up when it was last given the newest entry.
     */
    private Map<String, String> groups(String stream) {
        Map<String, String> groups = new LinkedHashMap<>();
        List<String> fields = lines(cli("XINFO", "GROUPS", stream));
        List<String> newest = lines(cli("XREVRANGE", stream, "+", "-", "COUNT", "1"));
        String group = null;
        String pending = null;
        String lastDelivered = null;
        for (int i = 0; i + 1 < fields.size(); i++) {
            String value = fields.get(i + 1);
            switch (fields.get(i)) {
                case "name" -> group = value;
                case "pending" -> pending = value;
                case "last-delivered-id" -> lastDelivered = value;
                case "lag" -> groups.put(group, "pending " + pending + ", lag " + (!value.isEmpty() ? value
                        : !newest.isEmpty() && newest.get(0).equals(lastDelivered) ? "0" : "unknown"));
                default -> { }
            }
        }
        return groups;
    }

    /** Whether every consumer group of the consumed streams has been given and has acknowledged every entry. */
    boolean streamsAtRest() {
        redisPort = stack.redisMasterPort();
        for (String stream : List.of(RedisKeys.notifications(), RedisKeys.callEvents())) {
            if (length(stream) > 0 && !groups(stream).values().stream().allMatch(AT_REST::equals)) {
                return false;
            }
        }
        return true;
    }

    private static boolean carries(Delivery push, String notificationId) {
        try {
            return notificationId.equals(JSON.readTree(push.payload()).path("notificationId").asText());
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** Every session record in Redis (ENDED ones stay until their TTL), by session id. */
    private Map<String, StoredSession> storedSessions() {
        List<String> keys = scan(RedisKeys.sessionByTokenHash("*"));
        List<String> records = mget(keys);
        Map<String, StoredSession> sessions = new LinkedHashMap<>();
        String prefix = RedisKeys.sessionByTokenHash("");
        for (int i = 0; i < keys.size(); i++) {
            if (!records.get(i).isEmpty()) {
                StoredSession session = StoredSession.of(keys.get(i).substring(prefix.length()), records.get(i));
                sessions.put(session.id(), session);
            }
        }
        return sessions;
    }

    /** A session record as stored, what the checks need of it. */
    private record StoredSession(String id, String tokenHash, String company, String user, String instanceId,
                                 String site, String status, String contactId) {
        static StoredSession of(String tokenHash, String json) {
            try {
                JsonNode record = JSON.readTree(json);
                JsonNode call = record.path("call");
                return new StoredSession(record.path("sessionId").asText(), tokenHash, record.path("companyCode").asText(),
                        record.path("user").path("username").asText(), record.path("instance").path("instanceId").asText(),
                        record.path("site").asText(), record.path("status").asText(),
                        call.isObject() ? call.path("contactId").asText() : null);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a session record is not JSON: " + json, e);
            }
        }

        boolean usable() {
            return !"ENDED".equals(status);
        }

        /** The indexes the session belongs in: all four while usable, none once ended. */
        List<String> indexes() {
            return usable() ? List.of(RedisKeys.companySessions(company), RedisKeys.userSessions(company, user),
                    RedisKeys.instanceSessions(instanceId), RedisKeys.siteSessions(site)) : List.of();
        }

        String describe() {
            return id + " (" + user + ", " + status + ", site " + site + ", " + instanceName(instanceId) + ")";
        }
    }

    private static String instanceName(String instanceId) {
        return instanceId.equals(LocalStack.PRIMARY_INSTANCE) ? "the primary instance"
                : instanceId.equals(LocalStack.SECONDARY_INSTANCE) ? "the secondary instance" : "instance " + instanceId;
    }

    private JsonNode simulator(String path) {
        Http.Answer answer = http.send("GET", stack.url(stack.ports().simulator()) + path, null, Map.of());
        if (!answer.ok()) {
            throw new IllegalStateException("the simulator answered " + path + " with " + answer.status());
        }
        return answer.json();
    }

    /** The keys matching {@code pattern}, by SCAN (a key may come twice while it runs). */
    private List<String> scan(String pattern) {
        Set<String> keys = new LinkedHashSet<>();
        String cursor = "0";
        do {
            List<String> page = lines(cli("SCAN", cursor, "MATCH", pattern, "COUNT", "1000"));
            if (page.isEmpty()) {
                throw new IllegalStateException("Redis did not answer SCAN " + pattern);
            }
            cursor = page.get(0);
            keys.addAll(page.subList(1, page.size()));
        } while (!cursor.equals("0"));
        return List.copyOf(keys);
    }

    /** Values of these keys, in order ("" for none), CHUNK keys per redis-cli call. */
    private List<String> mget(List<String> keys) {
        List<String> values = new ArrayList<>(keys.size());
        for (int from = 0; from < keys.size(); from += CHUNK) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + CHUNK));
            List<String> command = new ArrayList<>(List.of("MGET"));
            command.addAll(chunk);
            List<String> answer = lines(cli(command.toArray(String[]::new)));
            if (answer.size() != chunk.size()) {
                throw new IllegalStateException("MGET of " + chunk.size() + " keys answered " + answer.size() + " values");
            }
            values.addAll(answer);
        }
        return values;
    }

    /** redis-cli's raw output, one line per reply element (an empty line for a nil). */
    private static List<String> lines(String output) {
        if (output.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(Arrays.asList(output.split("\n", -1)));
        lines.remove(lines.size() - 1);
        return lines;
    }

    private String cli(String... command) {
        String output = RedisProcess.cli(redisPort, command);
        if (output.startsWith("ERR ") || output.startsWith("NOPERM") || output.startsWith("WRONGTYPE")) {
            throw new IllegalStateException("Redis refused " + command[0] + ": " + output.trim());
        }
        return output;
    }
}
