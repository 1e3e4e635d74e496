package com.mobilityha.systemtests.soak;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.systemtests.app.AppClient;
import com.mobilityha.systemtests.app.Http.Answer;
import com.mobilityha.systemtests.junit.OnLocalStack;
import com.mobilityha.systemtests.junit.StackKind;
import com.mobilityha.systemtests.soak.InvariantChecker.Invariant;
import com.mobilityha.systemtests.stack.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The soak's invariant checker finds what it is for: on a real stack (Redis, the Connect simulator, a site's four
 * services, mock APNs) where agents signed in and a notification was delivered it finds nothing; then one breach of
 * each invariant is planted, as the bug it stands for would leave it in Redis, and each is reported, once, naming
 * what was planted.
 */
@OnLocalStack(value = StackKind.ONE_SITE, disrupts = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InvariantCheckerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOST = "agent0901";
    private static final String RESURRECTED = "agent0902";
    private static final String OUT_OF_SITE_INDEX = "agent0903";
    private static final String LEFT_AVAILABLE = "agent0904";
    private static final String ON_A_GONE_CALL = "agent0905";
    private static final String LISTENER = "agent0906";
    private static final String UNTOUCHED = "agent0907";

    private static LocalStack stack;
    private static final Ledger ledger = new Ledger();
    private static final Map<String, AppClient> apps = new HashMap<>();
    private static String listenerToken;

    @BeforeAll
    static void agentsAtWork(LocalStack started) {
        stack = started;
        for (String agent : List.of(LOST, RESURRECTED, OUT_OF_SITE_INDEX, LEFT_AVAILABLE, ON_A_GONE_CALL, LISTENER,
                UNTOUCHED)) {
            AppClient app = stack.newApp();
            Answer login = app.login(LocalStack.COMPANY, agent, LocalStack.PASSWORD);
            assertEquals(201, login.status(), login.body());
            ledger.acknowledged(agent, login.json().at("/session/sessionId").asText());
            apps.put(agent, app);
        }
        listenerToken = stack.apns().newDeviceToken();
        assertTrue(apps.get(LISTENER).registerApnsDevice(listenerToken, LocalStack.APP_ID).ok());
        Answer sent = stack.newApp().notifyUsers(stack.adminToken(LocalStack.COMPANY), LocalStack.COMPANY,
                List.of(LISTENER), "MESSAGE", "Checked by the soak");
        assertEquals(202, sent.status(), sent.body());
        ledger.notificationAccepted(sent.json().path("notificationId").asText(), Map.of(LISTENER, listenerToken));
        assertTrue(stack.apns().awaitDelivery(listenerToken, Duration.ofSeconds(30)), "the message reached the iPhone");
    }

    @Test
    @Order(1)
    void aStackWhereNothingWentWrongHasNoViolations() {
        InvariantChecker.Findings findings = new InvariantChecker(stack).check(ledger);

        assertEquals(List.of(), findings.violations());
        assertEquals(7, findings.usableSessions());
    }

    @Test
    @Order(2)
    void eachPlantedViolationIsReportedOnceNamingWhatWasPlanted() throws Exception {
        // a session acknowledged to the app is gone from Redis (record, reference and indexes), its agent on a break
        assertTrue(apps.get(LOST).setStatus("Lunch").ok());
        String lost = sessionId(LOST);
        String lostHash = stack.onRedis("GET", RedisKeys.tokenHashOfSession(lost));
        stack.onRedis("DEL", RedisKeys.sessionByTokenHash(lostHash), RedisKeys.tokenHashOfSession(lost));
        indexes(LOST).forEach(index -> stack.onRedis("SREM", index, lost));
        // a logout answered 204, then a copy read before it written back (issue 22 item 1)
        String resurrected = sessionId(RESURRECTED);
        String beforeLogout = record(resurrected);
        assertEquals(204, apps.get(RESURRECTED).logout().status());
        ledger.loggedOut(RESURRECTED, resurrected);
        stack.onRedis("SET", RedisKeys.sessionByTokenHash(hash(resurrected)), beforeLogout, "KEEPTTL");
        indexes(RESURRECTED).forEach(index -> stack.onRedis("SADD", index, resurrected));
        // a session left out of its site's index (a half-done takeover, issue 22 item 5)
        String outOfIndex = sessionId(OUT_OF_SITE_INDEX);
        stack.onRedis("SREM", RedisKeys.siteSessions("primary"), outOfIndex);
        // a logout that ended the session but never reached Connect (issue 22 item 4)
        String leftAvailable = sessionId(LEFT_AVAILABLE);
        rewrite(leftAvailable, record -> record.put("status", "ENDED"));
        indexes(LEFT_AVAILABLE).forEach(index -> stack.onRedis("SREM", index, leftAvailable));
        ledger.loggedOut(LEFT_AVAILABLE, leftAvailable);
        // a call on the session that Connect never had (or ended long ago)
        String onAGoneCall = sessionId(ON_A_GONE_CALL);
        rewrite(onAGoneCall, record -> record.putObject("call").put("contactId", "00000000-dead-4000-8000-00000000c0de")
                .put("startedAt", "2026-01-01T00:00:00Z"));
        // a notification answered 202 whose pushes were lost (its report survived)
        stack.onRedis("HSET", RedisKeys.notificationReport("planted-lost-push"), "companyCode", LocalStack.COMPANY,
                "kind", "MESSAGE", "sessions", "1", "targeted", "0", "sent", "0", "failed", "0", "pruned", "0");
        ledger.notificationAccepted("planted-lost-push", Map.of(LISTENER, listenerToken));
        // a push given up
        stack.onRedis("XADD", RedisKeys.notificationDeadLetters(), "*", "notificationId", "planted-lost-push",
                "sessionId", "planted");

        InvariantChecker.Findings findings = new InvariantChecker(stack).check(ledger);

        findings.violations().forEach(violation -> System.out.println("found: " + violation));
        for (Invariant invariant : Invariant.values()) {
            assertEquals(1, findings.count(invariant), invariant + " in " + findings.violations());
        }
        assertReported(findings, Invariant.SESSION_LOST, LOST + "'s session " + lost);
        assertReported(findings, Invariant.LOGGED_OUT_SESSION_USABLE, resurrected);
        assertReported(findings, Invariant.RECORD_AND_INDEXES_DISAGREE, outOfIndex + " (" + OUT_OF_SITE_INDEX
                + ", ACTIVE, site primary, the primary instance) is missing from " + RedisKeys.siteSessions("primary"));
        assertReported(findings, Invariant.AVAILABLE_WITHOUT_SESSION,
                LEFT_AVAILABLE + " is Available on the primary instance");
        assertReported(findings, Invariant.CALL_STUCK, onAGoneCall);
        assertReported(findings, Invariant.NOTIFICATION_UNDELIVERED, "planted-lost-push (answered 202) never reached "
                + LISTENER);
        assertReported(findings, Invariant.STREAM_UNBOUNDED, RedisKeys.notificationDeadLetters() + " holds 1 dead letters");
    }

    private static void assertReported(InvariantChecker.Findings findings, Invariant invariant, String detail) {
        assertTrue(findings.violations().stream().anyMatch(v -> v.invariant() == invariant && v.detail().contains(detail)),
                invariant + " naming \"" + detail + "\" in " + findings.violations());
    }

    private static String sessionId(String agent) {
        return apps.get(agent).session().json().path("sessionId").asText();
    }

    private static String hash(String sessionId) {
        return stack.onRedis("GET", RedisKeys.tokenHashOfSession(sessionId));
    }

    private static String record(String sessionId) {
        return stack.onRedis("GET", RedisKeys.sessionByTokenHash(hash(sessionId)));
    }

    private static void rewrite(String sessionId, Consumer<ObjectNode> change) throws Exception {
        ObjectNode record = (ObjectNode) JSON.readTree(record(sessionId));
        change.accept(record);
        stack.onRedis("SET", RedisKeys.sessionByTokenHash(hash(sessionId)), record.toString(), "KEEPTTL");
    }

    private static List<String> indexes(String agent) {
        return List.of(RedisKeys.companySessions(LocalStack.COMPANY), RedisKeys.userSessions(LocalStack.COMPANY, agent),
                RedisKeys.instanceSessions(LocalStack.PRIMARY_INSTANCE), RedisKeys.siteSessions("primary"));
    }
}
