package com.mobilityha.systemtests.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.mobile.MobilityClient;
import com.mobilityha.mobile.push.ReceivedPush;
import com.mobilityha.mobile.cli.MobileCli;
import com.mobilityha.mobile.state.AppState;
import com.mobilityha.systemtests.app.SsoBrowser;
import com.mobilityha.systemtests.junit.OnLocalStack;
import com.mobilityha.systemtests.junit.StackKind;
import com.mobilityha.systemtests.stack.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference app ({@code mobile-client}) against one site over real processes, through the
 * site's one host (path-routed as by the ingress): it finds its sites in the company settings and
 * goes through its states as the agent does.
 */
@OnLocalStack(StackKind.ONE_SITE)
class ReferenceClientTest {
    private static final Pattern KIND = Pattern.compile("\"kind\":\"(\\w+)\"");
    private static LocalStack stack;

    @BeforeAll
    static void onSite(LocalStack started) {
        stack = started;
    }

    @Test
    void S10_aDirectoryAgentCallsAndStaysOnTheSiteTheServerNamesThenLogsOut() {
        MobilityClient app = new MobilityClient(List.of(URI.create(stack.siteUrl() + "/")), Duration.ofSeconds(5));

        JsonNode session = app.login(LocalStack.COMPANY, "carol", LocalStack.PASSWORD);
        assertEquals(AppState.ACTIVE, app.state());
        assertEquals("primary", session.at("/instance/role").asText());

        String contactId = app.call("+14155550177");
        assertEquals(AppState.ON_CALL, app.state());
        app.hangUp(contactId);
        assertEquals(AppState.ACTIVE, app.state());
        assertEquals(URI.create(stack.siteUrl() + "/"), app.currentSite(), "servers/active names this site");

        app.logout();
        assertEquals(AppState.SIGNED_OUT, app.state());
        assertEquals("Offline", stack.agentOnSimulator(LocalStack.PRIMARY_INSTANCE, "carol").json().path("status").asText());
    }

    @Test
    void anSsoAgentSignsInThroughTheIdpPageOfTheInstanceTheServerNames() {
        MobilityClient app = new MobilityClient(List.of(URI.create(stack.siteUrl() + "/")), Duration.ofSeconds(5));
        SsoBrowser browser = new SsoBrowser();

        JsonNode session = app.ssoLogin(LocalStack.SSO_COMPANY, url -> {
            stack.idp().signInNext(LocalStack.SSO_COMPANY + "-primary", "dave");
            return browser.open(url);
        }, offered -> true);

        assertEquals(AppState.ACTIVE, app.state());
        assertEquals("dave", session.at("/user/username").asText());
        app.onPush("WAKE");
        assertEquals(AppState.ACTIVE, app.state(), "a WAKE only refreshes");
        app.onPush("RELOGIN");
        assertEquals(AppState.RELOGIN_REQUIRED, app.state());
        app.logout();
    }

    @Test
    void S8_aReloginPushTakesTheAppToSignInAgainAndTheNewLoginLandsOnTheOtherInstance() {
        MobilityClient app = new MobilityClient(List.of(URI.create(stack.siteUrl() + "/")), Duration.ofSeconds(5));
        app.login(LocalStack.COMPANY, "alice", LocalStack.PASSWORD);
        String device = stack.apns().newDeviceToken();
        app.registerDevice("APNS", device, LocalStack.APP_ID, () -> kinds(device));
        try {
            stack.faultInstance(LocalStack.PRIMARY_INSTANCE, "RESET");

            assertTrue(Poll.until(() -> app.handleNewPushes() > 0 && app.state() == AppState.RELOGIN_REQUIRED,
                    Duration.ofSeconds(20)), "the RELOGIN push reached the phone and the app asks to sign in");
            JsonNode again = app.login(LocalStack.COMPANY, "alice", LocalStack.PASSWORD);

            assertEquals(AppState.ACTIVE, app.state());
            assertEquals("secondary", again.at("/instance/role").asText());
        } finally {
            stack.faultInstance(LocalStack.PRIMARY_INSTANCE, "HEALTHY");
            stack.awaitInstanceState(LocalStack.PRIMARY_INSTANCE, "UP", Duration.ofSeconds(20));
        }
    }

    @Test
    void theCommandLineAppSignsInReadsItsSessionAndLogsOut() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        String commands = String.join("\n", "login acme bob " + LocalStack.PASSWORD, "session", "dance", "logout",
                "session", "quit");

        MobileCli.run(List.of(URI.create(stack.siteUrl() + "/")), new BufferedReader(new StringReader(commands)),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        String out = printed.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("signed in: session "), out);
        assertTrue(out.contains("on the primary Connect instance"), out);
        assertTrue(out.contains("[ACTIVE]"), out);
        assertTrue(out.contains("commands: settings, login"), "an unknown command lists the commands: " + out);
        assertTrue(out.contains("logged out\n[SIGNED_OUT]"), out);
        assertTrue(out.contains("error: not signed in"), "no session after logout: " + out);
    }

    @Test
    void aWrongPasswordLeavesTheAppSignedOutWithTheProblem() {
        MobilityClient app = new MobilityClient(List.of(URI.create(stack.siteUrl() + "/")), Duration.ofSeconds(5));

        MobilityClient.Refused refused = assertThrows(MobilityClient.Refused.class,
                () -> app.login(LocalStack.COMPANY, "carol", "not-her-password"));

        assertEquals(401, refused.status());
        assertTrue(refused.problem().get("type").asText().endsWith("/invalid-credentials"));
        assertEquals(AppState.SIGNED_OUT, app.state());
    }

    /** The kinds of the pushes the mock APNs server accepted for this device, oldest first. */
    private static List<ReceivedPush> kinds(String device) {
        return stack.apns().receivedBy(device).stream()
                .map(push -> KIND.matcher(push.getPayload()))
                .filter(Matcher::find)
                .map(kind -> ReceivedPush.of(kind.group(1)))
                .toList();
    }
}
