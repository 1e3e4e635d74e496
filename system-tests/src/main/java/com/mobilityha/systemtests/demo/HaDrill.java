package com.mobilityha.systemtests.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.mobile.state.AppState;
import com.mobilityha.systemtests.drill.DrillResult;
import com.mobilityha.systemtests.drill.Milestones;
import com.mobilityha.systemtests.drill.Phone;
import com.mobilityha.systemtests.drill.StackFailures;
import com.mobilityha.systemtests.drill.Timeline;
import com.mobilityha.systemtests.stack.LocalStack;
import com.mobilityha.systemtests.drill.StepFailed;
import com.mobilityha.systemtests.monitoring.AlertWatch;
import com.mobilityha.systemtests.monitoring.LocalPrometheus;


import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static com.mobilityha.systemtests.drill.StepFailed.check;

/**
 * The demo's narrated drill on two sites, with the reference app on alice's iPhone: login → the
 * primary site dies → WAKE, no re-login → a call → the primary Connect instance dies → the call is
 * lost, RELOGIN → login on the secondary → the primary comes back during a call → FAILBACK once
 * the call has ended → login on the primary → the primary site returns (new logins start there
 * again) → logout. Each step checks what alice would notice, and what the admins' Prometheus tells them
 * (the site's and the instance's alerts firing, then resolved); the drill stops at the first step that fails.
 */
public final class HaDrill {
    private static final Duration APP_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(30);
    static final String SITE_ALERT = "MobilitySiteHeartbeatLost";
    static final String INSTANCE_ALERT = "ConnectInstanceDown";

    private final LocalStack stack;
    private final StackFailures failures;
    private final LocalPrometheus prometheus;
    private final PrintStream out;
    private final Timeline timeline;
    private final List<DrillResult> results = new ArrayList<>();

    /** A drill on the stack, watched by a Prometheus that scrapes it. */
    public HaDrill(LocalStack stack, LocalPrometheus prometheus, PrintStream out) {
        this.stack = stack;
        this.failures = new StackFailures(stack);
        this.prometheus = prometheus;
        this.out = out;
        this.timeline = new Timeline(out);
    }

    /** Runs every step; true when all passed. */
    public boolean run() {
        try (AlertWatch alerts = AlertWatch.start(prometheus, change -> timeline.noteAt(change.at(),
                "%s Prometheus: alert %s %s", change.firing() ? "⚑" : "✓", change.alert(),
                change.firing() ? "FIRING" : "resolved"))) {
            walk(alerts);
            out.println("\nTimings (from the moment each failure was caused):");
            results.forEach(result -> out.println("  " + result.summary()));
            out.println("\nAll steps passed.");
            return true;
        } catch (StepFailed e) {
            out.println("  FAILED: " + e.getMessage());
            return false;
        }
    }

    /** What the drill measured, one result per failure it caused. */
    public List<DrillResult> results() {
        return List.copyOf(results);
    }

    private void walk(AlertWatch alerts) {
        Phone alice = Phone.iPhone(stack, "alice", APP_TIMEOUT);
        JsonNode settings = alice.app().settings(LocalStack.COMPANY);
        timeline.note("alice's app: company code %s → settings: sites %s, Connect instances %s, sso=%s",
                LocalStack.COMPANY, settings.get("mobilityServers").findValuesAsText("role"),
                settings.get("connectInstances").findValuesAsText("role"), settings.get("sso"));
        JsonNode session = alice.signIn(LocalStack.COMPANY);
        alice.registerForPushes();
        check(alice.site().toString().startsWith(stack.site("primary").url()), "the login went to site primary");
        timeline.note("alice signs in (password) at site primary → session on the %s Connect instance [%s]; "
                + "her iPhone registers for pushes", session.at("/instance/role").asText(), alice.state());

        siteDies(alice);
        String contactId = alice.app().call("+14155550142");
        timeline.note("alice calls a customer through site secondary → contact %s [%s]", contactId, alice.state());
        instanceDiesDuringTheCall(alice, alerts);
        instanceComesBackDuringACall(alice, alerts);
        primarySiteReturns(alice, alerts);
        alice.app().logout();
        check(alice.state() == AppState.SIGNED_OUT, "the app is signed out");
        timeline.note("alice logs out [%s]; Connect shows her %s", alice.state(),
                stack.agentOnSimulator(LocalStack.PRIMARY_INSTANCE, "alice").json().path("status").asText());
    }

    /** S6 (+S2 for the app's requests): the whole primary site dies under alice. */
    private void siteDies(Phone alice) {
        Milestones seen = failures.killPrimarySite();
        timeline.note("✗ site primary dies: its four services killed (SIGKILL), its ingress gone");
        seen.watch("wake", () -> alice.hasUnseenPush("WAKE")).await(WAIT);
        check(seen.reached(StackFailures.TAKEN_OVER), "site secondary took site primary over");
        timeline.noteAt(seen.at(StackFailures.TAKEN_OVER),
                "site secondary takes site primary over (its heartbeat expired): %s", failures.primaryTakenOverBy());
        check(seen.reached("wake"), "a WAKE push reached alice's iPhone");
        timeline.noteAt(seen.at("wake"), "WAKE push on alice's iPhone (APNs)");
        check(alice.awaitPush("WAKE", WAIT), "alice's app reacted to the WAKE");
        JsonNode session = alice.sessionServedBy("secondary", WAIT);
        long working = seen.millisSinceMark();
        check("secondary".equals(session.path("site").asText()) && alice.state() == AppState.ACTIVE,
                "the session is served by site secondary and active: " + session);
        check(alice.credentialEntries() == 1, "no new login");
        timeline.note("alice's app refreshes through site secondary: same session, %s instance [%s], no new login",
                session.at("/instance/role").asText(), alice.state());
        results.add(new DrillResult("S6", "site failover while logged in (demo)", seen.millis(StackFailures.TAKEN_OVER),
                seen.millis("wake"), OptionalLong.of(working), "WAKE, no new login; the app moved to site secondary"));
    }

    /** S11 + S8: the primary Connect instance dies during alice's call. */
    private void instanceDiesDuringTheCall(Phone alice, AlertWatch alerts) {
        Milestones seen = failures.killPrimaryInstance();
        timeline.note("✗ the primary Amazon Connect instance stops answering (connections reset)");
        seen.watch("relogin", () -> alice.hasUnseenPush("RELOGIN")).await(WAIT);
        check(seen.reached(StackFailures.DOWN), "the gateway declared the primary instance DOWN");
        timeline.noteAt(seen.at(StackFailures.DOWN), "the gateway (site secondary) declares the primary instance DOWN");
        check(seen.reached("relogin") && alice.awaitPush("RELOGIN", WAIT), "a RELOGIN push reached alice's iPhone");
        check(alice.state() == AppState.RELOGIN_REQUIRED, "the app asks alice to sign in again");
        check(alice.lastPush().contains("call was lost"), "the push tells her the call was lost: " + alice.lastPush());
        timeline.noteAt(seen.at("relogin"), "RELOGIN push on alice's iPhone: \"%s\" [%s]",
                alert(alice.lastPush()), alice.state());
        JsonNode session = alice.signIn(LocalStack.COMPANY);
        long working = seen.millisSinceMark();
        check("secondary".equals(session.at("/instance/role").asText()), "the new login is on the secondary instance");
        timeline.note("alice signs in again → session on the %s instance [%s]", session.at("/instance/role").asText(),
                alice.state());
        check(alerts.awaitFiring(INSTANCE_ALERT, WAIT), "the admins' Prometheus fires " + INSTANCE_ALERT);
        results.add(new DrillResult("S11", "instance failover during a call (demo)", seen.millis(StackFailures.DOWN),
                seen.millis("relogin"), OptionalLong.of(working), "call lost, RELOGIN; one sign-in, on the secondary"));
    }

    /** S9 + B2: the primary instance returns while alice is on a call; FAILBACK only once it has ended. */
    private void instanceComesBackDuringACall(Phone alice, AlertWatch alerts) {
        String contactId = alice.app().call("+14155550143");
        timeline.note("alice takes another call → contact %s [%s]", contactId, alice.state());
        Milestones up = failures.healPrimaryInstance().await(WAIT);
        check(up.reached(StackFailures.UP), "the primary instance is UP again");
        timeline.noteAt(up.at(StackFailures.UP), "✓ the primary instance is back UP; nobody is moved (S9)");
        check(alerts.awaitResolved(INSTANCE_ALERT, WAIT), INSTANCE_ALERT + " is resolved");
        Poll.sleep(3_000);
        check(!alice.hasUnseenPush("FAILBACK"), "no FAILBACK during the call");
        timeline.note("3 s later, still on the call: no FAILBACK push (B2: Connect shows her on a contact)");
        long hungUp = System.nanoTime();
        alice.app().hangUp(contactId);
        timeline.note("alice hangs up [%s]; servers/active keeps her on site secondary", alice.state());
        Milestones failback = Milestones.since(hungUp).watch("push", () -> alice.hasUnseenPush("FAILBACK")).await(WAIT);
        check(failback.reached("push") && alice.awaitPush("FAILBACK", WAIT), "a FAILBACK push reached alice's iPhone");
        check(alice.state() == AppState.FAILBACK_OFFERED, "the app offers the move back");
        timeline.noteAt(failback.at("push"), "FAILBACK push on alice's iPhone, %d ms after the call ended [%s]",
                failback.millis("push").orElseThrow(), alice.state());
        JsonNode session = alice.signIn(LocalStack.COMPANY);
        check("primary".equals(session.at("/instance/role").asText()), "back on the primary instance");
        timeline.note("alice signs in again → session on the %s instance, site %s (site primary is still down)",
                session.at("/instance/role").asText(), session.path("site").asText());
        results.add(new DrillResult("B2", "primary instance back during a call (demo)", up.millis(StackFailures.UP),
                failback.millis("push"), OptionalLong.empty(),
                "no push during the call; FAILBACK after hanging up (first push timed from the call's end)"));
    }

    /** S7: site primary comes back; alice keeps her site, a new login would start at the primary. */
    private void primarySiteReturns(Phone alice, AlertWatch alerts) {
        check(alerts.awaitFiring(SITE_ALERT, WAIT), "the admins' Prometheus fires " + SITE_ALERT + " for site primary");
        stack.site("primary").restart(line -> { });
        Milestones cleared = Milestones.since(System.nanoTime())
                .watch("cleared", () -> failures.primaryTakenOverBy().isBlank()).await(WAIT);
        check(cleared.reached("cleared"), "the returning site clears its takeover record");
        timeline.note("✓ site primary is back (four services restarted); new logins start there again (S7)");
        check(alerts.awaitResolved(SITE_ALERT, WAIT), SITE_ALERT + " is resolved");
        JsonNode session = alice.app().session();
        check("secondary".equals(session.path("site").asText()), "alice stays on the site that serves her (no fail-back)");
        timeline.note("alice's session stays on site %s: no fail-back of sites", session.path("site").asText());
    }

    /** The alert text of an APNs payload. */
    private static String alert(String payload) {
        String body = payload.replaceAll("(?s).*\"body\":\"([^\"]*)\".*", "$1");
        return body.equals(payload) ? payload : body;
    }
}
