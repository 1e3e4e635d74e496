package com.mobilityha.systemtests.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.mobile.site.RaceSettings;
import com.mobilityha.mobile.state.AppState;
import com.mobilityha.systemtests.app.AppClient;
import com.mobilityha.systemtests.app.Http.Answer;
import com.mobilityha.systemtests.drill.DrillReport;
import com.mobilityha.systemtests.drill.DrillResult;
import com.mobilityha.systemtests.drill.Milestones;
import com.mobilityha.systemtests.drill.Phone;
import com.mobilityha.systemtests.drill.StackFailures;
import com.mobilityha.systemtests.junit.LongRunning;
import com.mobilityha.systemtests.stack.LocalStack;
import com.mobilityha.systemtests.stack.Site;
import com.mobilityha.systemtests.stack.StackPorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both sites as Kubernetes runs them ({@code k8s/base}'s replicas per service, probes, preStop and grace
 * period; the ingress routing to ready replicas), with 100 agents signed in through site primary and their
 * apps at work: a replica dying or every replica being replaced costs them nothing, and no site takes the
 * other over; but a site that cannot reach Redis goes unready and is taken over (last: it ends the story).
 */
@LongRunning
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaDrillsTest {
    private static final int AGENTS = 100;
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final Duration RECOVERY = Duration.ofSeconds(90);
    private static final Duration APP_TIMEOUT = Duration.ofSeconds(3);
    private static LocalStack stack;
    private static Site primary;
    private static final List<AppClient> agents = new ArrayList<>();
    private static final Map<AppClient, String> sessionIds = new HashMap<>();

    @BeforeAll
    static void twoSitesWithReplicasAndAgentsOnline() throws Exception {
        stack = LocalStack.startTwoSitesWithPrimaryRedisLink(StackPorts.free(),
                line -> System.out.println("started " + line), Site.AS_MANIFESTS);
        primary = stack.site("primary");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<AppClient>> signingIn = new ArrayList<>();
        for (int i = 1; i <= AGENTS; i++) {
            String agent = String.format("agent%04d", i);
            signingIn.add(pool.submit(() -> {
                AppClient app = new AppClient(primary.url(), primary.url(), primary.url(), primary.url());
                Answer login = signIn(app, agent);
                assertEquals(201, login.status(), agent + ": " + login.body());
                return app;
            }));
        }
        for (Future<AppClient> app : signingIn) {
            agents.add(app.get());
        }
        pool.shutdown();
        agents.forEach(app -> sessionIds.put(app, app.session().json().path("sessionId").asText()));
    }

    /**
     * Signs an agent in as an app does: a 503 (at load 20 the login rate limiter's Redis call timed out, and
     * it fails closed) is tried again after a second, five times at most; nothing was created by it.
     */
    private static Answer signIn(AppClient app, String agent) {
        Answer login = app.login(LocalStack.COMPANY, agent, LocalStack.PASSWORD);
        for (int retry = 0; login.status() == 503 && retry < 5; retry++) {
            Poll.sleep(1_000);
            login = app.login(LocalStack.COMPANY, agent, LocalStack.PASSWORD);
        }
        return login;
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
        DrillReport.ofThisRun().write(DrillReport.BIN_TEST);
    }

    @Test
    @Order(1)
    void S6_oneGatewayReplicaOfTwoCrashesUnderSteadyAppTraffic_noRequestFailsAndNoSiteIsTakenOver() throws Exception {
        Deployment gateways = primary.deployment("connect-gateway");
        Pod crashed = gateways.pods().get(0);
        try (SteadyAppTraffic traffic = SteadyAppTraffic.start(agents)) {
            Poll.sleep(SETTLE.toMillis());
            long crashes = System.nanoTime();
            gateways.crashPod(0);
            assertTrue(Poll.until(() -> !crashed.isReady(), RECOVERY), "the crashed replica left the endpoints");
            long out = millisSince(crashes);
            assertTrue(Poll.until(() -> crashed.restarts() == 1 && crashed.isReady(), RECOVERY),
                    "the kubelet restarted the crashed replica and its readiness put it back in the endpoints");
            long back = millisSince(crashes);
            Poll.sleep(SETTLE.toMillis());
            traffic.close();
            DrillReport.ofThisRun().add(new DrillResult("S6", "one gateway replica of two crashes (SIGKILL), 100 agents "
                    + "online", OptionalLong.of(out), OptionalLong.empty(), OptionalLong.empty(), String.format(
                    "%d of %d app requests failed; its kubelet restarted it, back in the endpoints after %.1f s; no "
                            + "takeover", traffic.failed().size(), traffic.sent(), back / 1000.0)));
            System.out.printf("gateway replica %s crashed and restarted: %d app requests, %d failed%n", crashed.name(),
                    traffic.sent(), traffic.failed().size());
            assertEquals(List.of(), traffic.failed(), "no app request failed");
        }
        assertTrue(new StackFailures(stack).primaryTakenOverBy().isBlank(), "site primary was never taken over");
    }

    @Test
    @Order(2)
    void S12_aHungGatewayReplicaLeavesTheEndpointsByReadinessAndIsRestartedByLiveness() throws Exception {
        Deployment gateways = primary.deployment("connect-gateway");
        Pod hung = gateways.pods().get(1);
        ProbeSpec readiness = PodManifest.of("connect-gateway").readiness();
        ProbeSpec liveness = PodManifest.of("connect-gateway").liveness();
        try (SteadyAppTraffic traffic = SteadyAppTraffic.start(agents)) {
            Poll.sleep(SETTLE.toMillis());
            long hangs = System.nanoTime();
            gateways.hangPod(1);
            assertTrue(Poll.until(() -> !hung.isReady(), RECOVERY), "readiness took the hung replica out");
            long out = System.nanoTime();
            double outAfter = (out - hangs) / 1e9;
            assertTrue(Poll.until(() -> hung.restarts() == 1 && hung.isReady(), RECOVERY),
                    "liveness restarted the hung replica and it is back in the endpoints");
            double backAfter = (System.nanoTime() - hangs) / 1e9;
            Poll.sleep(SETTLE.toMillis());
            traffic.close();
            DrillReport.ofThisRun().add(new DrillResult("S12", "one gateway replica of two hangs (SIGSTOP), 100 agents "
                    + "online", OptionalLong.of(Math.round(outAfter * 1000)), OptionalLong.empty(), OptionalLong.empty(),
                    String.format("readiness took it out (detected); %d of %d app requests failed, those it held when it "
                            + "hung; liveness restarted it, back after %.1f s; no takeover", traffic.failed().size(),
                            traffic.sent(), backAfter)));
            System.out.printf("gateway replica %s hung: out of the endpoints after %.1f s (readiness %d × %d s, "
                            + "timeout %d s), restarted by liveness and back after %.1f s; %d app requests, %d failed "
                            + "(requests it held when it hung): %s%n", hung.name(), outAfter,
                    readiness.failureThreshold(), readiness.period().toSeconds(), readiness.timeout().toSeconds(),
                    backAfter, traffic.sent(), traffic.failed().size(), traffic.failed());
            assertTrue(outAfter <= readiness.failureThreshold() * (readiness.period().toSeconds()
                    + readiness.timeout().toSeconds()) + 2, "out of rotation within the readiness probe's bound");
            assertTrue(backAfter >= liveness.failureThreshold() * liveness.period().toSeconds() - liveness.period().toSeconds(),
                    "restarted by liveness (not sooner)");
            assertTrue(traffic.failed().stream().allMatch(failure -> failure.sentAt() < out)
                            && traffic.failed().size() <= SteadyAppTraffic.WORKERS,
                    "only requests the replica held when it hung failed (one per app worker at most), none sent once "
                            + "it was out: " + traffic.failed());
        }
        assertTrue(new StackFailures(stack).primaryTakenOverBy().isBlank(), "site primary was never taken over");
    }

    @Test
    @Order(3)
    void S6_rollingRestartOfEveryServiceOfASiteWith100AgentsOnline_noRequestFailsAndNobodySignsInAgain() throws Exception {
        long start = System.nanoTime();
        try (SteadyAppTraffic traffic = SteadyAppTraffic.start(agents)) {
            Poll.sleep(SETTLE.toMillis());
            ExecutorService rollouts = Executors.newFixedThreadPool(Site.SERVICES.size());
            CompletableFuture.allOf(Site.SERVICES.stream().map(module -> CompletableFuture.runAsync(
                    () -> primary.deployment(module).rollingRestart(RECOVERY), rollouts)).toArray(CompletableFuture[]::new))
                    .join();
            rollouts.shutdown();
            Poll.sleep(SETTLE.toMillis());
            traffic.close();
            DrillReport.ofThisRun().add(new DrillResult("S6", "rolling restart of every service of site primary, 100 "
                    + "agents online", OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), String.format(
                    "%d of %d app requests failed; the same 100 sessions, nobody signed in again; rolled in %.1f s; no "
                            + "takeover", traffic.failed().size(), traffic.sent(), (System.nanoTime() - start) / 1e9)));
            System.out.printf("site primary's four services rolled (replicas %s) in %.1f s: %d app requests, "
                            + "%d failed%n", Site.SERVICES.stream().map(m -> m + " " + primary.deployment(m).pods().size())
                            .toList(), (System.nanoTime() - start) / 1e9, traffic.sent(), traffic.failed().size());
            assertEquals(List.of(), traffic.failed(), "no app request failed");
        }
        for (AppClient app : agents) {
            Answer session = app.session();
            assertEquals(200, session.status(), session.body());
            assertEquals(sessionIds.get(app), session.json().path("sessionId").asText(), "the same session: no new sign-in");
            assertEquals("ACTIVE", session.json().path("status").asText(), session.body());
        }
        assertTrue(new StackFailures(stack).primaryTakenOverBy().isBlank(), "site primary was never taken over");
    }

    @Test
    @Order(4)
    void S6_redisUnreachableFromSitePrimaryOnly_itsReplicasGoUnreadyAndSiteSecondaryTakesItOver() {
        // her app asks site primary first and waits for it (no race, a patient timeout): on a busy machine site
        // primary's login service, just rolled by the test before, served its first sign-in after the 300 ms head
        // start and then after the app's 3 s (CI, load 11), and the drill is about a site she is on. Once the
        // site's replicas are unready its edge refuses connections at once, so patience costs nothing after.
        Phone alice = Phone.iPhone(stack, "alice", RaceSettings.sequential(Phone.PATIENT_TIMEOUT));
        alice.signIn(LocalStack.COMPANY);
        alice.registerForPushes();
        assertTrue(alice.site().toString().startsWith(primary.url()), "alice signed in at site primary; her app's site changes: " + alice.app().siteChanges());
        StackFailures failures = new StackFailures(stack);

        Milestones seen = failures.cutPrimarySitesRedisLink()
                .watch("unready", () -> Site.SERVICES.stream()
                        .allMatch(module -> primary.deployment(module).endpoints().ready().isEmpty()))
                .watch("wake", () -> alice.hasUnseenPush("WAKE"))
                .await(RECOVERY);
        assertTrue(seen.reached("unready"), "every replica of site primary went unready (none in its endpoints)");
        assertTrue(seen.reached(StackFailures.TAKEN_OVER), "site secondary took site primary over");
        assertTrue(alice.awaitPush("WAKE", RECOVERY), "a WAKE reached alice's iPhone");
        JsonNode session = alice.sessionServedBy("secondary", RECOVERY);
        long working = seen.millisSinceMark();
        assertEquals("secondary", session.path("site").asText(), "served by site secondary: " + session);
        assertEquals(AppState.ACTIVE, alice.state());
        assertEquals(1, alice.credentialEntries(), "no new login");
        DrillReport.ofThisRun().add(new DrillResult("S6", "site primary alone cannot reach Redis (its link cut by "
                + "netcrusher)", seen.millis(StackFailures.TAKEN_OVER), seen.millis("wake"), OptionalLong.of(working),
                String.format("every replica of site primary unready after %.1f s (readiness: Redis); WAKE (APNs); the "
                        + "same session served by site secondary; no new login", seen.millis("unready").orElseThrow() / 1000.0)));

        Milestones back = failures.restorePrimarySitesRedisLink().await(RECOVERY);
        assertTrue(back.reached(StackFailures.CLEARED), "site primary beats again once it reaches Redis (S7)");
        assertTrue(Poll.until(() -> Site.SERVICES.stream().allMatch(module -> primary.deployment(module).endpoints()
                .ready().size() == primary.deployment(module).pods().size()), RECOVERY), "every replica ready again");
        assertEquals("secondary", alice.app().session().path("site").asText(), "alice stays where she is served");
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
