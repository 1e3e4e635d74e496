package com.mobilityha.mobile.site;

import com.mobilityha.mobile.testing.LoopbackSites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * S2 on real sockets: the app races the secondary site when the primary is silent, refuses or fails, sends
 * an unsafe request (a login) to one site only, follows the site the server names and remembers a site
 * that failed for a while.
 */
class SiteRouterTests {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** A timeout no race waits for: an answer before it proves the app did not wait for a silent site. */
    private static final Duration LONG_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration HEAD_START = Duration.ofMillis(100);
    private static final String PROBE = "GET /api/v1/servers/active?companyCode=acme";
    private final LoopbackSites sites = new LoopbackSites();

    @AfterEach
    void stop() {
        sites.close();
    }

    @Test
    void S2_aSilentPrimaryIsRacedAfterItsHeadStartAndLosesToTheSecondary() throws IOException, InterruptedException {
        URI primary = sites.silent();
        URI secondary = sites.answering(200, "{\"site\":\"secondary\"}", 0);
        SiteRouter router = router(List.of(primary, secondary), new RaceSettings(LONG_TIMEOUT, HEAD_START, HEAD_START, LONG_TIMEOUT));

        long start = System.nanoTime();
        SiteRouter.Answer answer = router.send("GET", "api/v1/companies/acme/settings", null, Map.of());

        assertEquals("secondary", answer.json().get("site").asText());
        assertTrue(System.nanoTime() - start < LONG_TIMEOUT.toNanos(), "the app did not wait for the primary's timeout");
        assertEquals(secondary, router.current(), "it stays on the site that answered");
        assertEquals(List.of("GET /api/v1/companies/acme/settings"), sites.requests(primary));
        assertTrue(eventually(() -> sites.connectionsClosedByTheApp(primary) == 1), "the losing attempt was cancelled");
    }

    @Test
    void S2_aPrimaryThatAnswersWithinItsHeadStartIsTheOnlySiteAsked() throws IOException {
        URI primary = sites.answering(200, "{\"site\":\"primary\"}", 0);
        URI secondary = sites.answering(200, "{\"site\":\"secondary\"}", 0);
        SiteRouter router = router(List.of(primary, secondary), new RaceSettings(LONG_TIMEOUT, LONG_TIMEOUT, LONG_TIMEOUT, LONG_TIMEOUT));

        assertEquals("primary", router.send("GET", "api/v1/session", null, Map.of()).json().get("site").asText());
        assertEquals(List.of(), sites.requests(secondary));
    }

    @Test
    void S2_aPrimaryThatRefusesConnectionsSendsTheAppToTheSecondaryWithoutWaitingForTheHeadStart() throws IOException {
        URI secondary = sites.answering(200, "{\"site\":\"secondary\"}", 0);
        SiteRouter router = router(List.of(LoopbackSites.closedPort(), secondary),
                new RaceSettings(LONG_TIMEOUT, LONG_TIMEOUT, LONG_TIMEOUT, LONG_TIMEOUT));

        long start = System.nanoTime();
        SiteRouter.Answer answer = router.send("GET", "api/v1/companies/acme/settings", null, Map.of());

        assertEquals("secondary", answer.json().get("site").asText());
        assertTrue(System.nanoTime() - start < LONG_TIMEOUT.toNanos(), "a refused connection does not wait out the head start");
        assertEquals(secondary, router.current());
        assertEquals(1, router.failovers().size());
    }

    @Test
    void S2_aLoginIsSentToOneSiteOnly_theRaceIsOnTheProbe() throws IOException {
        URI primary = sites.silent(); // took the login in and never answered: a login raced there would count twice
        URI secondary = sites.answering(201, "{\"site\":\"secondary\"}", 0);
        SiteRouter router = router(List.of(primary, secondary), new RaceSettings(LONG_TIMEOUT, HEAD_START, HEAD_START, LONG_TIMEOUT));

        SiteRouter.Answer answer = router.send("POST", "api/v1/logins", Map.of("companyCode", "acme"), Map.of());

        assertEquals("secondary", answer.json().get("site").asText());
        assertEquals(List.of(PROBE), sites.requests(primary), "the primary never saw the login");
        assertEquals(List.of(PROBE, "POST /api/v1/logins"), sites.requests(secondary));
    }

    @Test
    void S2_theSiteTheServerNamesIsWaitedForBeforeTheAppSettlesForAnother() throws IOException {
        Duration namedSiteWait = Duration.ofSeconds(3);
        URI slowPrimary = sites.answering(201, "{\"site\":\"primary\"}", 1_000); // a JVM just restarted
        URI secondary = sites.answering(201, "{\"site\":\"primary\",\"baseUrl\":\"" + slowPrimary + "\"}", 0);
        SiteRouter router = router(List.of(slowPrimary, secondary),
                new RaceSettings(LONG_TIMEOUT, HEAD_START, namedSiteWait, LONG_TIMEOUT));

        SiteRouter.Answer answer = router.send("POST", "api/v1/logins", Map.of("companyCode", "acme"), Map.of());

        assertEquals(201, answer.status());
        assertEquals(List.of(PROBE, "POST /api/v1/logins"), sites.requests(slowPrimary),
                "servers/active named the primary, which answered its probe within the wait: the login went there");
        assertEquals(List.of(PROBE), sites.requests(secondary));
        assertEquals(slowPrimary, router.current());
    }

    @Test
    void S2_aSiteThatFellSilentInTheLastRaceGetsNoHeadStartInTheNext() throws IOException {
        Duration headStart = Duration.ofSeconds(5);
        URI primary = sites.silent();
        URI secondary = sites.answering(200, "{\"site\":\"secondary\"}", 0);
        SiteRacing racing = new SiteRacing(new RaceSettings(LONG_TIMEOUT, headStart, HEAD_START, LONG_TIMEOUT),
                SiteRouter.newHttpClient(LONG_TIMEOUT));
        new SiteRouter(List.of(primary, secondary), "acme", racing).send("GET", "api/v1/companies/acme/settings", null, Map.of());

        SiteRouter nextLogin = new SiteRouter(List.of(primary, secondary), "acme", racing);
        assertEquals(primary, nextLogin.current(), "silent is not failed: the primary is still asked first");
        long start = System.nanoTime();
        assertEquals(200, nextLogin.send("GET", "api/v1/session", null, Map.of()).status());

        assertTrue(System.nanoTime() - start < headStart.toNanos(), "the secondary was asked at once");
        assertEquals(List.of("GET /api/v1/companies/acme/settings", "GET /api/v1/session"), sites.requests(primary));
    }

    @Test
    void S2_aNamedSiteThatStaysSilentIsRememberedAndTheNextLoginGoesStraightToTheWorkingSite() throws IOException {
        URI primary = sites.silent();
        URI secondary = sites.answering(201, "{\"site\":\"primary\",\"baseUrl\":\"" + primary + "\"}", 0);
        SiteRacing racing = new SiteRacing(new RaceSettings(LONG_TIMEOUT, HEAD_START, HEAD_START, LONG_TIMEOUT),
                SiteRouter.newHttpClient(LONG_TIMEOUT));

        assertEquals(201, new SiteRouter(List.of(primary, secondary), "acme", racing)
                .send("POST", "api/v1/logins", Map.of(), Map.of()).status());
        SiteRouter nextLogin = new SiteRouter(List.of(primary, secondary), "acme", racing);
        assertEquals(secondary, nextLogin.current(), "the next login starts at the site that worked");
        assertEquals(201, nextLogin.send("POST", "api/v1/logins", Map.of(), Map.of()).status());

        assertEquals(List.of(PROBE), sites.requests(primary), "only the first login's probe went to the primary");
        assertEquals(List.of(PROBE, "POST /api/v1/logins", "POST /api/v1/logins"), sites.requests(secondary));
    }

    @Test
    void S10_theSiteTheServerNamesIsAskedFirstEvenWhileTheAppRemembersItFailing() throws IOException {
        URI failing = sites.answering(503, "{\"type\":\"https://mobility-ha.example/problems/dependency-unavailable\"}", 0);
        URI secondary = sites.answering(200, "{\"site\":\"secondary\"}", 0);
        SiteRouter router = router(List.of(failing, secondary), new RaceSettings(TIMEOUT, HEAD_START, HEAD_START, LONG_TIMEOUT));
        router.send("GET", "api/v1/session", null, Map.of());
        assertEquals(secondary, router.current());

        router.moveTo(failing);
        router.send("GET", "api/v1/session", null, Map.of());

        assertEquals(2, sites.requests(failing).size(), "the app asked the site the server named");
        assertEquals(secondary, router.current(), "and the secondary once the named site failed the request");
    }

    @Test
    void S2_S7_afterA5xxAboutItselfTheNextLoginStartsAtTheSecondaryUntilTheMemoryFadesThenAtThePrimaryAgain()
            throws IOException, InterruptedException {
        Duration memory = Duration.ofSeconds(1);
        URI failing = sites.answering(503, "{\"type\":\"https://mobility-ha.example/problems/dependency-unavailable\"}", 0);
        URI secondary = sites.answering(201, "{\"sessionToken\":\"t\"}", 0);
        SiteRouter router = router(List.of(failing, secondary), new RaceSettings(TIMEOUT, HEAD_START, HEAD_START, memory));

        assertEquals(201, router.send("POST", "api/v1/logins", Map.of(), Map.of()).status());
        router.startOver();
        assertEquals(secondary, router.current(), "the primary failed a moment ago");
        Thread.sleep(memory.toMillis() + 200);
        router.startOver();
        assertEquals(failing, router.current(), "the next login starts at the primary again (S7): it is re-probed");
    }

    @Test
    void aConnectInstanceProblemIsTheAppsToHandleNotASiteFailure() throws IOException {
        URI primary = sites.answering(503, "{\"type\":\"https://mobility-ha.example/problems/connect-instance-unavailable\","
                + "\"retryWith\":{\"loginId\":\"l-2\"}}", 0);
        URI secondary = sites.answering(201, "{}", 0);
        SiteRouter router = router(List.of(primary, secondary), new RaceSettings(TIMEOUT, TIMEOUT, TIMEOUT, LONG_TIMEOUT));

        SiteRouter.Answer answer = router.send("POST", "api/v1/logins/l-1/complete", Map.of(), Map.of());

        assertEquals(503, answer.status());
        assertEquals("l-2", answer.json().at("/retryWith/loginId").asText());
        assertEquals(primary, router.current());
        assertEquals(List.of(), sites.requests(secondary));
    }

    @Test
    void whenNoSiteAnswersTheAppIsToldWhy() {
        SiteRouter router = router(List.of(LoopbackSites.closedPort(), LoopbackSites.closedPort()), RaceSettings.of(TIMEOUT));

        IOException failure = assertThrows(IOException.class, () -> router.send("GET", "api/v1/session", null, Map.of()));
        assertTrue(failure.getMessage().contains("ConnectException"), failure.getMessage());
    }

    @Test
    void B9_aThrottledRequestIsSentAgainOnTheSameSiteOnceItsRetryAfterHasPassed() throws IOException {
        URI primary = sites.throttlingFirst(3, "1", 200, "{\"status\":\"Available\"}", 0);
        URI secondary = sites.answering(200, "{\"site\":\"secondary\"}", 0);
        SiteRouter router = router(List.of(primary, secondary), new RaceSettings(TIMEOUT, TIMEOUT, TIMEOUT, LONG_TIMEOUT));

        long start = System.nanoTime();
        SiteRouter.Answer answer = router.send("PUT", "api/v1/agent/status", Map.of("status", "Available"), Map.of());

        assertEquals(200, answer.status());
        assertEquals("Available", answer.json().get("status").asText());
        assertTrue(System.nanoTime() - start >= Duration.ofSeconds(2).toNanos(), "it waited Retry-After twice");
        assertEquals(List.of(PROBE, "PUT /api/v1/agent/status", "PUT /api/v1/agent/status", "PUT /api/v1/agent/status"),
                sites.requests(primary), "a throttled probe still says the site answers");
        assertEquals(List.of(), sites.requests(secondary), "throttling is not a site failure");
        assertEquals(primary, router.current());
    }

    @Test
    void B9_aRetryAfterLongerThanTheAppWaitsByItselfIsTheAnswerToShow() throws IOException {
        URI primary = sites.throttlingFirst(1, "120", 200, "{}", 0);
        SiteRouter router = router(List.of(primary), RaceSettings.of(TIMEOUT));

        SiteRouter.Answer answer = router.send("POST", "api/v1/logins", Map.of(), Map.of());

        assertEquals(429, answer.status());
        assertEquals(Duration.ofSeconds(120), answer.retryAfter().orElseThrow());
    }

    private static SiteRouter router(List<URI> sites, RaceSettings settings) {
        return new SiteRouter(sites, "acme", new SiteRacing(settings, SiteRouter.newHttpClient(settings.timeout())));
    }

    /** Whether {@code condition} holds within 5 s (what a site sees of a cancellation comes a moment later). */
    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
