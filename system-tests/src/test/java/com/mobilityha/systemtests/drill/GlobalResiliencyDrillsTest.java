package com.mobilityha.systemtests.drill;

import com.mobilityha.localstack.demo.GlobalResiliencyCompany;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.mobile.MobilityClient;
import com.mobilityha.mobile.push.ReceivedPush;
import com.mobilityha.mobile.state.AppState;
import com.mobilityha.systemtests.junit.OnLocalStack;
import com.mobilityha.systemtests.junit.StackKind;
import com.mobilityha.systemtests.stack.LocalStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.mobilityha.localstack.demo.GlobalResiliencyCompany.REPLICA;
import static com.mobilityha.localstack.demo.GlobalResiliencyCompany.SOURCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * B3 drills over real processes with the reference app: the Global Resiliency company {@code initech}'s
 * agents follow its traffic distribution group to the replica instance without signing in again, when its
 * source instance dies and when someone else shifts the group. Each drill prints what it measured.
 */
@OnLocalStack(StackKind.ONE_SITE)
class GlobalResiliencyDrillsTest {
    private static final Pattern KIND = Pattern.compile("\"kind\":\"(\\w+)\"");
    private static final Duration MOVE_WITHIN = Duration.ofSeconds(90);
    private static LocalStack stack;
    private final List<MobilityClient> apps = new ArrayList<>();

    @BeforeAll
    static void onSite(LocalStack started) {
        stack = started;
    }

    @AfterEach
    void sourceWorksAgain() {
        stack.faultInstance(SOURCE.instanceId(), "HEALTHY");
        stack.awaitInstanceState(SOURCE.instanceId(), "UP", Duration.ofSeconds(30));
        stack.shiftTrafficDistribution(GlobalResiliencyCompany.GROUP_ID, SOURCE.region());
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
        System.out.printf("B3 source Region died: 2 agents Available on the replica in %d ms, 0 sign-ins, 1 call lost%n",
                movedMillis);
    }

    @Test
    void B3_aDistributionChangedBehindOurBackIsFollowed() {
        MobilityClient alice = signedIn("alice");
        long shifted = System.nanoTime();

        stack.shiftTrafficDistribution(GlobalResiliencyCompany.GROUP_ID, REPLICA.region());

        assertTrue(Poll.until(() -> alice.handleNewPushes() >= 0 && onReplica(alice), MOVE_WITHIN),
                "alice's app followed the shift: " + alice.instanceId());
        assertTrue(Poll.until(() -> "Available".equals(statusOnReplica("alice")), MOVE_WITHIN), "alice Available on the replica");
        System.out.printf("B3 distribution shifted by someone else: followed in %d ms, 0 sign-ins%n",
                (System.nanoTime() - shifted) / 1_000_000);
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

    private static String statusOnReplica(String agent) {
        return stack.agentOnSimulator(REPLICA.instanceId(), agent).json().path("status").asText();
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
