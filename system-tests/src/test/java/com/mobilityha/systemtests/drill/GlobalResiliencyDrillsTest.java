package com.mobilityha.systemtests.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityha.localstack.demo.GlobalResiliencyCompany;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.mobile.MobilityClient;
import com.mobilityha.mobile.push.ReceivedPush;
import com.mobilityha.mobile.state.AppState;
import com.mobilityha.systemtests.app.Http;
import com.mobilityha.systemtests.junit.OnLocalStack;
import com.mobilityha.systemtests.junit.StackKind;
import com.mobilityha.systemtests.stack.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.mobilityha.localstack.demo.GlobalResiliencyCompany.REPLICA;
import static com.mobilityha.localstack.demo.GlobalResiliencyCompany.SOURCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * B3 drills over real processes with the reference app: the Global Resiliency company {@code initech}'s
 * agents follow its traffic distribution group to the replica instance without signing in again, when its
 * source instance dies, when someone else shifts the group, and when its administrator shifts it in waves or
 * fails it back (an agent on a call moves only once it ends). Each drill adds its row B3 to the {@link DrillReport}.
 */
@OnLocalStack(StackKind.ONE_SITE)
class GlobalResiliencyDrillsTest {
    private static final Pattern KIND = Pattern.compile("\"kind\":\"(\\w+)\"");
    private static final Duration MOVE_WITHIN = Duration.ofSeconds(90);
    private static final DrillReport report = DrillReport.ofThisRun();
    private static LocalStack stack;
    private final List<MobilityClient> apps = new ArrayList<>();

    @BeforeAll
    static void onSite(LocalStack started) {
        stack = started;
    }

    @AfterAll
    static void writeReport() {
        report.write(DrillReport.BIN_TEST);
    }

    @AfterEach
    void sourceWorksAgain() {
        stack.faultInstance(SOURCE.instanceId(), "HEALTHY");
        stack.awaitInstanceState(SOURCE.instanceId(), "UP", Duration.ofSeconds(30));
        stack.shiftTrafficDistribution(GlobalResiliencyCompany.GROUP_ID, SOURCE.region());
        for (String instance : List.of(SOURCE.instanceId(), REPLICA.instanceId())) {
            // a call lost with the source is still up in the simulator: its customer hangs up, as the next drill's
            // agents' events would otherwise show it in progress
            stack.contactsOnSimulator(instance).json().forEach(contact -> {
                if (List.of("CONNECTING", "CONNECTED").contains(contact.path("state").asText())) {
                    stack.contact(instance, contact.path("id").asText(), "customer-hang-up");
                }
            });
        }
        apps.forEach(app -> {
            try {
                app.logout();
            } catch (RuntimeException e) {
                // the drill's own failure is what matters
            }
        });
    }

    @Test
    void B3_theSourceRegionDiesAndEveryAgentWorksOnTheReplicaWithoutSigningIn() {
        MobilityClient bob = signedIn("bob");
        MobilityClient carol = signedIn("carol");
        String contact = carol.call("+14155550177");
        assertEquals(AppState.ON_CALL, carol.state());
        long died = System.nanoTime();

        stack.faultInstance(SOURCE.instanceId(), "RESET");

        for (MobilityClient app : List.of(bob, carol)) {
            assertTrue(Poll.until(() -> app.handleNewPushes() >= 0 && onReplica(app), MOVE_WITHIN),
                    "the WAKE moved the app to the replica: " + app.state() + " on " + app.instanceId());
        }
        for (String agent : List.of("bob", "carol")) {
            assertTrue(Poll.until(() -> "Available".equals(statusOnReplica(agent)), MOVE_WITHIN), agent + " Available on the replica");
        }
        long movedMillis = (System.nanoTime() - died) / 1_000_000;
        assertTrue(carol.callInProgress().isEmpty(), "carol's call " + contact + " was lost with the source");
        assertEquals(AppState.ACTIVE, carol.state(), "off the lost call, carol works on");
        assertEquals("Available", bob.setStatus("Available").path("name").asText("Available"),
                "bob's session works on the replica");
        report.add(new DrillResult("B3", "Global Resiliency: the source Region dies (simulator RESET), one agent idle, one on a call",
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(movedMillis), "WAKE (APNs); same session, now on"
                + " the replica, Available there; 0 sign-ins; the call in progress lost (the push says so); working = both"
                + " agents Available on the replica"));
    }

    @Test
    void B3_aDistributionChangedBehindOurBackIsFollowed() {
        MobilityClient alice = signedIn("alice");
        long shifted = System.nanoTime();

        stack.shiftTrafficDistribution(GlobalResiliencyCompany.GROUP_ID, REPLICA.region());

        assertTrue(Poll.until(() -> alice.handleNewPushes() >= 0 && onReplica(alice), MOVE_WITHIN),
                "alice's app followed the shift: " + alice.instanceId());
        assertTrue(Poll.until(() -> "Available".equals(statusOnReplica("alice")), MOVE_WITHIN), "alice Available on the replica");
        report.add(new DrillResult("B3", "Global Resiliency: the traffic distribution group shifted by someone else (AWS console)",
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of((System.nanoTime() - shifted) / 1_000_000),
                "WAKE (APNs); same session, now on the replica, Available there; 0 sign-ins"));
    }

    @Test
    void B3_adminShiftsInWaves_nobodyOnACallIsMovedBeforeTheCallEnds() {
        MobilityClient alice = signedIn("alice");
        MobilityClient bob = signedIn("bob");
        MobilityClient carol = signedIn("carol");
        String contact = carol.call("+14155550177");
        long shifted = System.nanoTime();

        Http.Answer started = shift(REPLICA.region(), true);
        assertEquals(202, started.status(), started.body());
        assertEquals(10, started.json().path("percentage").asInt(), "the first wave: 10 %");

        for (MobilityClient app : List.of(alice, bob)) {
            assertTrue(Poll.until(() -> app.handleNewPushes() >= 0 && carol.handleNewPushes() >= 0 && onReplica(app)
                            && onSource(carol), MOVE_WITHIN),
                    "the waves moved the agents off a call, not carol: " + app.instanceId() + ", carol " + carol.instanceId());
        }
        long offCallMillis = (System.nanoTime() - shifted) / 1_000_000;
        assertTrue(Poll.until(() -> "DONE".equals(distribution().at("/shift/state").asText()) && carol.handleNewPushes() >= 0
                        && onSource(carol), MOVE_WITHIN),
                "every wave sent while carol is on her call: " + distribution());
        assertEquals(AppState.ON_CALL, carol.state(), "carol's call goes on: she was not moved");
        long hungUp = System.nanoTime();
        carol.hangUp(contact);

        assertTrue(Poll.until(() -> carol.handleNewPushes() >= 0 && onReplica(carol), MOVE_WITHIN),
                "carol follows once her call ended: " + carol.instanceId());
        assertTrue(Poll.until(() -> "Available".equals(statusOnReplica("carol")), MOVE_WITHIN), "carol Available on the replica");
        long afterCallMillis = (System.nanoTime() - hungUp) / 1_000_000;
        JsonNode replica = distribution().at("/regions/1");
        assertEquals(100, replica.path("agents").asInt(), replica.toString());
        assertEquals(100, replica.path("telephony").asInt(), replica.toString());
        report.add(new DrillResult("B3", "Global Resiliency: the administrator shifts to the replica in 10 % waves (1 s apart),"
                + " one of three agents on a call", OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(offCallMillis),
                "the two agents off a call moved (WAKE, Available on the replica); the one on a call not moved until she hung up,"
                + " then moved in " + DrillResult.format(OptionalLong.of(afterCallMillis)) + "; 0 sign-ins, 0 calls lost;"
                + " working = both agents off a call on the replica, from the request"));
    }

    @Test
    void B3_failBackAfterCallsEnd() {
        MobilityClient alice = signedIn("alice");
        MobilityClient bob = signedIn("bob");
        assertEquals(202, shift(REPLICA.region(), false).status());
        for (MobilityClient app : List.of(alice, bob)) {
            assertTrue(Poll.until(() -> app.handleNewPushes() >= 0 && onReplica(app), MOVE_WITHIN), "on the replica");
        }
        String contact = bob.call("+14155550177");
        long failedBack = System.nanoTime();

        Http.Answer back = shift(SOURCE.region(), false);
        assertEquals(202, back.status(), back.body());
        assertEquals("primary", back.json().path("targetRole").asText());

        assertTrue(Poll.until(() -> alice.handleNewPushes() >= 0 && bob.handleNewPushes() >= 0 && onSource(alice)
                && bob.instanceId().equals(Optional.of(REPLICA.instanceId())), MOVE_WITHIN),
                "alice, off a call, fails back; bob on his call does not: " + alice.instanceId() + ", bob " + bob.instanceId());
        long aliceMillis = (System.nanoTime() - failedBack) / 1_000_000;
        assertTrue(Poll.until(() -> "Available".equals(statusOn(SOURCE.instanceId(), "alice")), MOVE_WITHIN),
                "alice Available on the source");
        assertEquals(AppState.ON_CALL, bob.state(), "bob's call goes on");
        long hungUp = System.nanoTime();
        bob.hangUp(contact);

        assertTrue(Poll.until(() -> bob.handleNewPushes() >= 0 && onSource(bob), MOVE_WITHIN), "bob fails back after his call");
        assertTrue(Poll.until(() -> "Available".equals(statusOn(SOURCE.instanceId(), "bob")), MOVE_WITHIN),
                "bob Available on the source");
        report.add(new DrillResult("B3", "Global Resiliency: the administrator fails back to the source, one agent on a call",
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(aliceMillis), "the agent off a call back (WAKE,"
                + " Available on the source); the one on a call not moved until he hung up, then back in "
                + DrillResult.format(OptionalLong.of((System.nanoTime() - hungUp) / 1_000_000)) + "; 0 sign-ins, 0 calls lost;"
                + " working = the agent off a call Available on the source, from the request"));
    }

    /** initech's administrator shifts its traffic to this Region (the source's: a fail-back), through the site's ingress. */
    private static Http.Answer shift(String region, boolean inWaves) {
        return new Http(Duration.ofSeconds(30)).send("POST", stack.siteUrl() + "/api/v1/admin/traffic-distributions/"
                        + GlobalResiliencyCompany.CODE + "/shifts",
                Map.of("region", region, "inWaves", inWaves, "pauseSeconds", 1),
                Map.of("Authorization", "Bearer " + stack.adminToken(GlobalResiliencyCompany.CODE),
                        "Idempotency-Key", UUID.randomUUID().toString()));
    }

    private static JsonNode distribution() {
        Http.Answer answer = new Http(Duration.ofSeconds(30)).send("GET", stack.siteUrl()
                        + "/api/v1/admin/traffic-distributions/" + GlobalResiliencyCompany.CODE, null,
                Map.of("Authorization", "Bearer " + stack.adminToken(GlobalResiliencyCompany.CODE)));
        assertEquals(200, answer.status(), answer.body());
        return answer.json();
    }

    private MobilityClient signedIn(String agent) {
        MobilityClient app = new MobilityClient(List.of(URI.create(stack.siteUrl() + "/")), Duration.ofSeconds(10));
        assertEquals("primary", app.login(GlobalResiliencyCompany.CODE, agent, LocalStack.PASSWORD)
                .at("/instance/role").asText(), "signed in on the source instance");
        String device = stack.apns().newDeviceToken();
        app.registerDevice("APNS", device, LocalStack.APP_ID, () -> pushes(device));
        apps.add(app);
        return app;
    }

    private static boolean onReplica(MobilityClient app) {
        return app.instanceId().equals(Optional.of(REPLICA.instanceId())) && app.state() == AppState.ACTIVE;
    }

    private static boolean onSource(MobilityClient app) {
        return app.instanceId().equals(Optional.of(SOURCE.instanceId()));
    }

    private static String statusOnReplica(String agent) {
        return statusOn(REPLICA.instanceId(), agent);
    }

    private static String statusOn(String instanceId, String agent) {
        return stack.agentOnSimulator(instanceId, agent).json().path("status").asText();
    }

    /** The pushes the mock APNs server accepted for this device, oldest first. */
    private static List<ReceivedPush> pushes(String device) {
        return stack.apns().receivedBy(device).stream()
                .map(push -> KIND.matcher(push.getPayload()))
                .filter(Matcher::find)
                .map(kind -> ReceivedPush.of(kind.group(1)))
                .toList();
    }
}
