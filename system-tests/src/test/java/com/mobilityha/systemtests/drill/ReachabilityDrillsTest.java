package com.mobilityha.systemtests.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityha.localstack.demo.DemoCompany;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.mobile.site.RaceSettings;
import com.mobilityha.mobile.state.AppState;
import com.mobilityha.systemtests.app.AppClient;
import com.mobilityha.systemtests.app.Http;
import com.mobilityha.systemtests.junit.OnLocalStack;
import com.mobilityha.systemtests.junit.StackKind;
import com.mobilityha.systemtests.stack.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * B8 over real processes on two sites: the reference app checks in on the server's schedule and acknowledges
 * its pushes ({@link Phone#runApp}); its phone falls silent when the app is suspended (pushes still reach the
 * phone, the app neither handles them nor checks in). The stack's acme watches phones in seconds
 * ({@link LocalStack#REACHABILITY}: WAKE after 3 s of silence, non-routable after 6 s, a watchdog round every
 * second). The site failover drill runs last: it leaves site primary dead. Each drill's timings go to the run's
 * {@link DrillReport} (docs/drills.md, rows B8).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@OnLocalStack(value = StackKind.TWO_SITES, disrupts = true)
class ReachabilityDrillsTest {
    private static final Duration APP_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration WAKE_AFTER = Duration.parse("PT" + LocalStack.REACHABILITY.get("wake-after"));
    private static final Duration UNREACHABLE_AFTER = Duration.parse("PT" + LocalStack.REACHABILITY.get("unreachable-after"));
    private static final Duration CHECK_IN_EVERY = Duration.parse("PT" + LocalStack.REACHABILITY.get("check-in-every"));
    private static final Pattern NOTIFICATION_ID = Pattern.compile("\"notificationId\":\"([A-Za-z0-9_-]+)\"");
    private static final DrillReport report = DrillReport.ofThisRun();
    private static LocalStack stack;

    @BeforeAll
    static void onBothSites(LocalStack started) {
        stack = started;
    }

    @AfterAll
    static void writeReport() {
        report.write(DrillReport.BIN_TEST);
    }

    @Test
    @Order(0)
    void B8_checkInsOfEndedSessionsAndAcknowledgementsOfOthersPushesAreRefusedAndChangeNothing() {
        AppClient alice = stack.newApp();
        assertEquals(201, alice.login(LocalStack.COMPANY, "agent0105", LocalStack.PASSWORD).status());
        Phone bob = Phone.android(stack, "agent0106", APP_TIMEOUT);
        bob.signIn(LocalStack.COMPANY);
        bob.registerForPushes();
        String site = stack.site("primary").url();
        Http http = new Http(Duration.ofSeconds(5));
        Http.Answer sent = http.send("POST", site + "/api/v1/admin/notifications", Map.of("companyCode", LocalStack.COMPANY,
                "audience", Map.of("type", "USERS", "usernames", List.of("agent0106")), "kind", "MESSAGE",
                "message", "for bob only"), Map.of("Authorization", "Bearer " + stack.adminToken(LocalStack.COMPANY)));
        assertEquals(202, sent.status(), sent.body());
        String bobs = sent.json().path("notificationId").asText();
        assertTrue(Poll.until(() -> bob.pushesOf("MESSAGE") == 1, WAIT), "bob's phone got it");
        String aliceToken = "Bearer " + alice.sessionToken();
        Http.Answer checkedIn = http.send("POST", site + "/api/v1/session/check-ins", null, Map.of("Authorization", aliceToken));
        assertEquals(200, checkedIn.status(), checkedIn.body());
        assertEquals(CHECK_IN_EVERY.toSeconds(), checkedIn.json().path("checkInEvery").asLong());

        Http.Answer foreign = http.send("POST", site + "/api/v1/devices/current/acks", Map.of("notificationId", bobs),
                Map.of("Authorization", aliceToken));
        assertEquals(404, foreign.status(), "another session's notification: " + foreign.body());
        assertEquals("application/problem+json", foreign.contentType());
        Http.Answer unknown = http.send("POST", site + "/api/v1/devices/current/acks", Map.of("notificationId", "no-such-id"),
                Map.of("Authorization", aliceToken));
        assertEquals(404, unknown.status(), unknown.body());
        Http.Answer malformed = http.send("POST", site + "/api/v1/devices/current/acks", Map.of("notificationId", "../x"),
                Map.of("Authorization", aliceToken));
        assertEquals(400, malformed.status(), malformed.body());
        assertEquals("notificationId", malformed.json().at("/errors/0/field").asText());
        assertEquals(0, report(bobs).path("delivered").asLong(), "nothing counted for bob's notification");

        bob.app().handleNewPushes();
        assertEquals(1, report(bobs).path("delivered").asLong(), "bob's own acknowledgement counts");
        bob.app().handleNewPushes();
        assertEquals(1, report(bobs).path("delivered").asLong());

        assertEquals(204, alice.logout().status());
        Http.Answer ended = http.send("POST", site + "/api/v1/session/check-ins", null, Map.of("Authorization", aliceToken));
        assertEquals(401, ended.status(), ended.body());
        assertEquals("application/problem+json", ended.contentType());
        assertTrue(ended.json().path("type").asText().endsWith("/invalid-session-token"), ended.body());
        bob.app().logout();
    }

    @Test
    @Order(1)
    void B8_aPhoneThatFallsSilentWhileAvailableIsWokenThenMadeUnreachableAndOfferedAvailableWhenItComesBack() {
        Phone phone = runningApp(Phone.iPhone(stack, "agent0101", APP_TIMEOUT));
        assertEquals("Available", connectStatus("agent0101"));

        long suspended = System.nanoTime();
        phone.suspendApp();
        assertTrue(Poll.until(() -> phone.pushesOf("WAKE") == 1, WAIT), "the silent phone gets a WAKE");
        long woken = Timeline.millisSince(suspended);
        String wake = notificationId(phone.lastPush());
        assertTrue(phone.lastPush().contains("\"content-available\":1"), "a background push: " + phone.lastPush());
        assertTrue(Poll.until(() -> DemoCompany.UNREACHABLE_STATUS.equals(connectStatus("agent0101")), WAIT),
                "the agent is made non-routable in Connect");
        long unreachable = Timeline.millisSince(suspended);
        System.out.printf("B8: app suspended → WAKE on the phone after %d ms, %s in Connect after %d ms "
                        + "(wake-after %d ms, unreachable-after %d ms, check-ins every %d ms, a round every %d ms)%n",
                woken, DemoCompany.UNREACHABLE_STATUS, unreachable, WAKE_AFTER.toMillis(), UNREACHABLE_AFTER.toMillis(),
                CHECK_IN_EVERY.toMillis(), LocalStack.REACHABILITY_CHECK_EVERY.toMillis());
        assertTrue(woken >= WAKE_AFTER.minus(CHECK_IN_EVERY).toMillis(), "never woken before wake-after: " + woken);
        assertTrue(unreachable >= UNREACHABLE_AFTER.minus(CHECK_IN_EVERY).toMillis(),
                "never made unreachable before unreachable-after: " + unreachable);
        assertEquals(1, phone.pushesOf("WAKE"), "one WAKE per silence");
        assertEquals(0, report(wake).path("delivered").asLong(), "reached the phone, not the suspended app");

        long resumed = System.nanoTime();
        phone.resumeApp();
        assertTrue(Poll.until(() -> phone.state() == AppState.MADE_UNREACHABLE, WAIT),
                "the app comes back and is told, its agent offered to go Available");
        long told = Timeline.millisSince(resumed);
        assertEquals(DemoCompany.UNREACHABLE_STATUS, connectStatus("agent0101"), "not routable without the agent's choice");
        assertEquals(1, report(wake).path("delivered").asLong(), "the app acknowledged the WAKE once it ran");

        phone.app().goAvailable();
        assertEquals(AppState.ACTIVE, phone.state());
        assertEquals("Available", connectStatus("agent0101"));
        report.add(new DrillResult("B8", "a phone falls silent while its agent is Available (the app suspended)",
                OptionalLong.of(unreachable), OptionalLong.of(woken), OptionalLong.of(Timeline.millisSince(resumed)),
                String.format("a background WAKE (APNs) unanswered; detected = %s in Connect (wake-after %d s, unreachable-after"
                        + " %d s); app resumed: told after %d ms and offered Available, still %s until the agent chose;"
                        + " working = Available again, timed from the resume", DemoCompany.UNREACHABLE_STATUS,
                        WAKE_AFTER.toSeconds(), UNREACHABLE_AFTER.toSeconds(), told, DemoCompany.UNREACHABLE_STATUS)));
        Poll.sleep(UNREACHABLE_AFTER.plus(LocalStack.REACHABILITY_CHECK_EVERY.multipliedBy(2)).toMillis());
        assertEquals("Available", connectStatus("agent0101"), "a phone that checks in stays routable");
        assertEquals(AppState.ACTIVE, phone.state());
        phone.suspendApp();
        phone.app().logout();
    }

    @Test
    @Order(2)
    void B8_anAgentOnACallWhosePhoneFallsSilentIsNotMovedUntilTheCallEnds() {
        Phone phone = runningApp(Phone.android(stack, "agent0102", APP_TIMEOUT));
        String contactId = stack.customerCalls(LocalStack.PRIMARY_INSTANCE, "agent0102");
        stack.contact(LocalStack.PRIMARY_INSTANCE, contactId, "answer");
        assertTrue(Poll.until(() -> phone.state() == AppState.ON_CALL, WAIT), "the app is on the inbound call");
        long wakes = phone.pushesOf("WAKE");

        phone.suspendApp();
        Poll.sleep(UNREACHABLE_AFTER.plus(LocalStack.REACHABILITY_CHECK_EVERY.multipliedBy(3)).toMillis());
        assertEquals("Available", connectStatus("agent0102"), "never moved on a call");
        assertEquals(wakes, phone.pushesOf("WAKE"), "not even woken: the phone is in use");

        long hungUp = System.nanoTime();
        stack.contact(LocalStack.PRIMARY_INSTANCE, contactId, "customer-hang-up");
        assertTrue(Poll.until(() -> phone.pushesOf("WAKE") > wakes, WAIT), "the call's end reaches the phone");
        long wokenAfterCall = Timeline.millisSince(hungUp);
        assertTrue(Poll.until(() -> DemoCompany.UNREACHABLE_STATUS.equals(connectStatus("agent0102")), WAIT),
                "once the call is over a phone still silent is woken, then made non-routable");
        long movedAfterCall = Timeline.millisSince(hungUp);
        assertTrue(phone.pushesOf("WAKE") >= wakes + 2, "the call's end and the watchdog's WAKE");
        report.add(new DrillResult("B8", "the phone of an agent on an inbound call falls silent; the customer hangs up",
                OptionalLong.of(movedAfterCall), OptionalLong.of(wokenAfterCall), OptionalLong.empty(),
                String.format("neither woken nor moved during the call (silent %d s, more than unreachable-after); after the"
                        + " hang-up the call's WAKE, then the watchdog's, unanswered; detected = %s in Connect; times from"
                        + " the hang-up", UNREACHABLE_AFTER.plus(LocalStack.REACHABILITY_CHECK_EVERY.multipliedBy(3))
                        .toSeconds(), DemoCompany.UNREACHABLE_STATUS)));
        phone.resumeApp();
        assertTrue(Poll.until(() -> phone.state() == AppState.MADE_UNREACHABLE, WAIT));
        phone.suspendApp();
        phone.app().logout();
    }

    @Test
    @Order(3)
    void B8_aSiteFailoverMarksNobodyUnreachableThoughTheirAppsWereSilentThroughIt() {
        RaceSettings onSitePrimary = Phone.patientApp();
        List<Phone> phones = List.of(runningApp(Phone.iPhone(stack, "agent0103", onSitePrimary)),
                runningApp(Phone.android(stack, "agent0104", onSitePrimary)));
        phones.forEach(phone -> assertEquals("primary", phone.app().session().path("site").asText()));

        long killed = System.nanoTime();
        phones.forEach(Phone::suspendApp);
        Milestones seen = new StackFailures(stack).killPrimarySite().await(WAIT);
        assertTrue(seen.reached(StackFailures.TAKEN_OVER), "site secondary took site primary over");
        assertTrue(Poll.until(() -> phones.stream().allMatch(phone -> phone.pushesOf("WAKE") >= 1), WAIT),
                "the takeover's WAKE reaches every phone");
        long woken = Timeline.millisSince(killed);
        // silent longer than unreachable-after since their last check-in, though not since the takeover
        Poll.sleep(Math.max(0, UNREACHABLE_AFTER.plusSeconds(1).toMillis() - Timeline.millisSince(killed)));
        long silent = Timeline.millisSince(killed);
        System.out.printf("B8: apps silent for %d ms through the site failover, then back%n", silent);
        phones.forEach(Phone::resumeApp);
        Poll.sleep(CHECK_IN_EVERY.plus(LocalStack.REACHABILITY_CHECK_EVERY.multipliedBy(3)).toMillis());

        for (Phone phone : phones) {
            assertEquals("Available", connectStatus(phone.agent()), phone.agent() + " still routable");
            assertEquals(AppState.ACTIVE, phone.state(), phone.agent() + " was never made unreachable");
            assertEquals("secondary", phone.app().session().path("site").asText(), "served by the survivor");
        }
        report.add(new DrillResult("B8", "site failover (SIGKILL of site primary) while the agents' apps are suspended",
                seen.millis(StackFailures.TAKEN_OVER), OptionalLong.of(woken), OptionalLong.empty(),
                String.format("the takeover's WAKE (APNs, FCM) unanswered; apps silent %d ms, more than unreachable-after"
                        + " (%d s), yet nobody made unreachable (silence counted from the takeover); resumed: Available,"
                        + " same session, served by site secondary", silent, UNREACHABLE_AFTER.toSeconds())));
        phones.forEach(Phone::suspendApp);
    }

    /** The phone's agent signs in, registers for pushes and the app runs, checking in on the server's schedule. */
    private static Phone runningApp(Phone phone) {
        phone.signIn(LocalStack.COMPANY);
        phone.registerForPushes();
        phone.runApp();
        assertTrue(Poll.until(() -> phone.app().checkInEvery().equals(CHECK_IN_EVERY), WAIT),
                "the app checked in and was told its period");
        return phone;
    }

    private static String connectStatus(String agent) {
        return stack.agentOnSimulator(LocalStack.PRIMARY_INSTANCE, agent).json().path("status").asText();
    }

    private static String notificationId(String payload) {
        Matcher id = NOTIFICATION_ID.matcher(payload);
        assertTrue(id.find(), payload);
        return id.group(1);
    }

    /** A notification's delivery report, as acme's administrator reads it at site secondary's notifier. */
    private static JsonNode report(String notificationId) {
        Http.Answer answer = new Http(Duration.ofSeconds(5)).send("GET", stack.site("secondary").serviceUrl("notifier-service")
                + "/api/v1/admin/notifications/" + notificationId, null,
                Map.of("Authorization", "Bearer " + stack.adminToken(LocalStack.COMPANY)));
        assertEquals(200, answer.status(), answer.body());
        return answer.json();
    }
}
