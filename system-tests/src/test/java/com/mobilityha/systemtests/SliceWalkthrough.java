package com.mobilityha.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.systemtests.app.AppClient;
import com.mobilityha.systemtests.app.SsoBrowser;
import com.mobilityha.systemtests.app.Http.Answer;
import com.mobilityha.systemtests.bench.Stats;
import com.mobilityha.systemtests.drill.StepFailed;
import com.mobilityha.systemtests.stack.LocalStack;


import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.mobilityha.systemtests.drill.StepFailed.check;

/**
 * The vertical slice as an agent and an admin live it, printed step by step with timings. Each step
 * checks what the user would notice and the walk-through stops at the first step that fails.
 */
final class SliceWalkthrough {
    private static final int LOGIN_SAMPLES = 30;
    private static final String BOB_MOBILE = "+447700900042";

    private final LocalStack stack;
    private final PrintStream out;
    private int step;

    SliceWalkthrough(LocalStack stack, PrintStream out) {
        this.stack = stack;
        this.out = out;
    }

    /** Runs every step; true when all passed. */
    boolean run() {
        try {
            walk();
            out.println("\nAll steps passed.");
            return true;
        } catch (StepFailed e) {
            out.println("  FAILED: " + e.getMessage());
            return false;
        }
    }

    private void walk() {
        AppClient phone = stack.newApp();
        Answer settings = expect("S1 company code 'acme' → settings", phone.settings(LocalStack.COMPANY), 200);
        out.printf("     sites %s, instances %s, sso=%s%n", settings.json().get("mobilityServers").findValuesAsText("role"),
                settings.json().get("connectInstances").findValuesAsText("role"), settings.json().get("sso"));

        Answer login = expect("alice logs in (directory password grant → Connect → session)",
                phone.login(LocalStack.COMPANY, "alice", LocalStack.PASSWORD), 201);
        JsonNode session = login.json().get("session");
        out.printf("     session %s on the %s Connect instance, served by site %s%n",
                session.get("sessionId").asText(), session.at("/instance/role").asText(), session.get("site").asText());
        Answer onConnect = stack.agentOnSimulator(LocalStack.PRIMARY_INSTANCE, "alice");
        check(onConnect.ok() && "Available".equals(onConnect.json().path("status").asText()),
                "Connect shows alice Available, was " + onConnect.body());
        out.println("     Amazon Connect (simulator) shows alice: Available");

        expect("GET /api/v1/session with the bearer token", phone.session(), 200);
        Answer statuses = expect("list agent statuses", phone.agentStatuses(), 200);
        out.println("     " + statuses.json().findValuesAsText("name"));
        expect("alice goes to Lunch", phone.setStatus("Lunch"), 200);
        check("Lunch".equals(stack.agentOnSimulator(LocalStack.PRIMARY_INSTANCE, "alice").json().path("status").asText()),
                "Connect shows alice at Lunch");
        out.println("     Amazon Connect (simulator) shows alice: Lunch");

        String deviceToken = stack.apns().newDeviceToken();
        expect("alice's iPhone registers for push", phone.registerApnsDevice(deviceToken, LocalStack.APP_ID), 200);

        String admin = stack.adminToken(LocalStack.COMPANY);
        long sent = System.nanoTime();
        Answer accepted = expect("admin sends a MESSAGE to company acme",
                phone.notifyCompany(admin, LocalStack.COMPANY, "MESSAGE", "Team meeting at 3 pm"), 202);
        String notificationId = accepted.json().get("notificationId").asText();
        boolean delivered = stack.apns().awaitDelivery(deviceToken, Duration.ofSeconds(15));
        check(delivered, "the mock APNs server received the push for alice's device");
        out.printf("  %d. the push reached alice's device through APNs (HTTP/2) in %d ms%n", ++step,
                (System.nanoTime() - sent) / 1_000_000);
        Answer report = expect("delivery report", phone.notificationReport(admin, notificationId), 200);
        out.println("     " + report.body());

        expect("alice logs out", phone.logout(), 204);
        check("Offline".equals(stack.agentOnSimulator(LocalStack.PRIMARY_INSTANCE, "alice").json().path("status").asText()),
                "Connect shows alice Offline after logout");
        out.println("     Amazon Connect (simulator) shows alice: Offline");
        expect("her old session token is refused", phone.session(), 401);

        AppClient dave = ssoLogin("S14 dave (company globex, SSO) signs in at the IdP of the primary instance",
                "primary");

        instanceFailover(dave);

        List<Duration> logins = new ArrayList<>();
        for (int i = 1; i <= LOGIN_SAMPLES; i++) {
            Answer answer = stack.newApp().login(LocalStack.COMPANY, String.format("agent%04d", i), LocalStack.PASSWORD);
            check(answer.status() == 201, "agent login " + i + " answered " + answer.summary());
            logins.add(answer.elapsed());
        }
        out.printf("  %d. login latency over %d agents (client side, all hops): %s%n", ++step, LOGIN_SAMPLES,
                Stats.of(logins).describe());
    }

    /**
     * An SSO login of dave (company globex): start with a PKCE challenge, sign in at the authorization
     * URL the server hands out, complete with the code; expected on the instance of this role.
     */
    private AppClient ssoLogin(String what, String expectedRole) {
        AppClient dave = stack.newApp();
        SsoBrowser browser = new SsoBrowser();
        Answer started = expect(what + ": start", dave.ssoStart(LocalStack.SSO_COMPANY, browser, null), 201);
        String role = started.json().at("/instance/role").asText();
        check(expectedRole.equals(role), "the login starts on the " + expectedRole + " instance, was " + role);
        out.printf("     sign in at %s%n", started.json().get("authorizationUrl").asText().replaceAll("\\?.*", "?…"));
        stack.idp().signInNext(LocalStack.SSO_COMPANY + "-" + role, "dave");
        Map<String, String> redirect = browser.open(started.json().get("authorizationUrl").asText());
        check(redirect.containsKey("code"), "the IdP sent the browser back with a code: " + redirect);
        Answer done = expect("dave's app completes the login (code + PKCE verifier)",
                dave.ssoComplete(started.json().get("loginId").asText(), redirect, browser), 201);
        out.printf("     session on the %s instance after one IdP sign-in%n", done.json().at("/session/instance/role").asText());
        return dave;
    }

    /** S3 + S8, then S9/B2: the primary Connect instance dies under logged-in agents, and comes back. */
    private void instanceFailover(AppClient dave) {
        AppClient bob = stack.newApp();
        expect("bob logs in with his mobile number", bob.login(LocalStack.COMPANY, "bob", LocalStack.PASSWORD, BOB_MOBILE), 201);
        JsonNode phone = stack.agentOnSimulator(LocalStack.PRIMARY_INSTANCE, "bob").json();
        check("DESK_PHONE".equals(phone.path("phoneType").asText()) && BOB_MOBILE.equals(phone.path("deskPhoneNumber").asText()),
                "Connect rings bob's mobile");
        out.printf("     Connect phone: %s %s%n", phone.path("phoneType").asText(), phone.path("deskPhoneNumber").asText());
        String device = stack.apns().newDeviceToken();
        expect("bob's iPhone registers for push", bob.registerApnsDevice(device, LocalStack.APP_ID), 200);
        long killed = System.nanoTime();
        stack.faultInstance(LocalStack.PRIMARY_INSTANCE, "RESET");
        out.printf("  %d. the primary Amazon Connect instance stops answering (connections reset)%n", ++step);
        boolean relogin = awaitPush(device, "RELOGIN", Duration.ofSeconds(15));
        check(relogin, "bob's device received a RELOGIN push");
        out.printf("  %d. RELOGIN push on bob's device %d ms after the instance died%n", ++step,
                (System.nanoTime() - killed) / 1_000_000);
        Answer session = expect("bob's app checks its session", bob.session(), 200);
        check("RELOGIN_REQUIRED".equals(session.json().path("status").asText()), "session is RELOGIN_REQUIRED");
        out.println("     status " + session.json().path("status").asText());
        Answer again = expect("bob signs in again", bob.login(LocalStack.COMPANY, "bob", LocalStack.PASSWORD, BOB_MOBILE), 201);
        check("secondary".equals(again.json().at("/session/instance/role").asText()), "new login on the secondary");
        out.printf("     now on the %s instance; agent can work again %d ms after the failure%n",
                again.json().at("/session/instance/role").asText(), (System.nanoTime() - killed) / 1_000_000);
        expect("bob's iPhone registers for push with the new session", bob.registerApnsDevice(device, LocalStack.APP_ID), 200);
        Answer davesSession = expect("dave's (SSO) app checks its session", dave.session(), 200);
        check("RELOGIN_REQUIRED".equals(davesSession.json().path("status").asText()), "dave must sign in again");
        ssoLogin("B1 dave signs in again: the login starts directly on the secondary, which is up", "secondary");
        failBackWhenIdle(bob, device);
    }

    /** S9 + B2: the primary returns while bob is on a call; FAILBACK waits until the call has ended. */
    private void failBackWhenIdle(AppClient bob, String device) {
        String contactId = expect("bob calls a customer", bob.call("+14155550142"), 201).json().path("contactId").asText();
        stack.faultInstance(LocalStack.PRIMARY_INSTANCE, "HEALTHY");
        check(stack.awaitInstanceState(LocalStack.PRIMARY_INSTANCE, "UP", Duration.ofSeconds(15)),
                "the primary instance is UP again");
        out.printf("  %d. primary instance back UP while bob is on a call; nobody is moved (S9)%n", ++step);
        check(!awaitPush(device, "FAILBACK", Duration.ofSeconds(3)), "no FAILBACK during the call");
        out.printf("  %d. 3 s later: still no FAILBACK for bob: Connect shows him on a contact (B2)%n", ++step);
        long hungUp = System.nanoTime();
        expect("bob hangs up", bob.hangUp(contactId), 204);
        check(awaitPush(device, "FAILBACK", Duration.ofSeconds(15)), "bob's device received a FAILBACK push");
        out.printf("  %d. FAILBACK push on bob's device %d ms after his call ended (when-idle policy)%n", ++step,
                (System.nanoTime() - hungUp) / 1_000_000);
        Answer back = expect("bob signs in again", bob.login(LocalStack.COMPANY, "bob", LocalStack.PASSWORD, BOB_MOBILE), 201);
        check("primary".equals(back.json().at("/session/instance/role").asText()), "back on the primary");
        out.println("     back on the " + back.json().at("/session/instance/role").asText() + " instance");
    }

    private boolean awaitPush(String device, String kind, Duration timeout) {
        return Poll.until(() -> stack.apns().receivedBy(device).stream()
                .anyMatch(n -> n.getPayload().contains("\"kind\":\"" + kind + "\"")), timeout);
    }

    private Answer expect(String what, Answer answer, int status) {
        step++;
        check(answer.status() == status, what + ": expected " + status + ", got " + answer.summary() + " " + answer.body());
        out.printf("  %d. %s: %d in %d ms%n", step, what, answer.status(), answer.elapsed().toMillis());
        return answer;
    }
}
