package com.mobilityha.mobile.site;

import com.mobilityha.mobile.testing.LoopbackSites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** S2 on real sockets: the app reaches the secondary site when the primary does not answer or fails. */
class SiteRouterTests {
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private final LoopbackSites sites = new LoopbackSites();

    @AfterEach
    void stop() {
        sites.close();
    }

    @Test
    void S2_aPrimarySiteThatIsDownSendsTheAppToTheSecondary() throws IOException {
        URI secondary = sites.answering(200, "{\"site\":\"secondary\"}", 0);
        SiteRouter router = new SiteRouter(List.of(LoopbackSites.closedPort(), secondary), TIMEOUT);

        SiteRouter.Answer answer = router.send("GET", "/api/v1/companies/acme/settings", null, Map.of());

        assertEquals("secondary", answer.json().get("site").asText());
        assertEquals(secondary, router.current(), "it stays on the site that answered");
        assertEquals(1, router.failovers().size());
    }

    @Test
    void S2_aPrimaryThatHangsCostsOneTimeoutThenTheSecondaryAnswers() throws IOException {
        URI hanging = sites.answering(200, "{}", 5_000);
        URI secondary = sites.answering(200, "{\"site\":\"secondary\"}", 0);
        SiteRouter router = new SiteRouter(List.of(hanging, secondary), TIMEOUT);

        long start = System.nanoTime();
        SiteRouter.Answer answer = router.send("POST", "/api/v1/logins", Map.of("companyCode", "acme"), Map.of());

        assertEquals("secondary", answer.json().get("site").asText());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(3).toNanos(), "bounded by the timeout, not the hang");
    }

    @Test
    void S2_aPrimaryAnswering5xxAboutItselfSendsTheAppToTheSecondary() throws IOException {
        URI failing = sites.answering(503, "{\"type\":\"https://mobility-ha.example/problems/dependency-unavailable\"}", 0);
        URI secondary = sites.answering(201, "{\"sessionToken\":\"t\"}", 0);
        SiteRouter router = new SiteRouter(List.of(failing, secondary), TIMEOUT);

        assertEquals(201, router.send("POST", "/api/v1/logins", Map.of(), Map.of()).status());
        router.startOver();
        assertEquals(failing, router.current(), "the next login starts at the primary again (S7)");
    }

    @Test
    void aConnectInstanceProblemIsTheAppsToHandleNotASiteFailure() throws IOException {
        URI primary = sites.answering(503, "{\"type\":\"https://mobility-ha.example/problems/connect-instance-unavailable\","
                + "\"retryWith\":{\"loginId\":\"l-2\"}}", 0);
        URI secondary = sites.answering(201, "{}", 0);
        SiteRouter router = new SiteRouter(List.of(primary, secondary), TIMEOUT);

        SiteRouter.Answer answer = router.send("POST", "/api/v1/logins/l-1/complete", Map.of(), Map.of());

        assertEquals(503, answer.status());
        assertEquals("l-2", answer.json().at("/retryWith/loginId").asText());
        assertEquals(primary, router.current());
    }

    @Test
    void whenNoSiteAnswersTheAppIsToldWhy() {
        SiteRouter router = new SiteRouter(List.of(LoopbackSites.closedPort(), LoopbackSites.closedPort()), TIMEOUT);

        IOException failure = assertThrows(IOException.class, () -> router.send("GET", "/api/v1/session", null, Map.of()));
        assertTrue(failure.getMessage().contains("ConnectException"), failure.getMessage());
    }

    @Test
    void B9_aThrottledRequestIsSentAgainOnTheSameSiteOnceItsRetryAfterHasPassed() throws IOException {
        URI primary = sites.throttlingFirst(2, "1", 200, "{\"status\":\"Available\"}", 0);
        URI secondary = sites.answering(200, "{\"site\":\"secondary\"}", 0);
        SiteRouter router = new SiteRouter(List.of(primary, secondary), TIMEOUT);

        long start = System.nanoTime();
        SiteRouter.Answer answer = router.send("PUT", "/api/v1/agent/status", Map.of("status", "Available"), Map.of());

        assertEquals(200, answer.status());
        assertEquals("Available", answer.json().get("status").asText());
        assertTrue(System.nanoTime() - start >= Duration.ofSeconds(2).toNanos(), "it waited Retry-After twice");
        assertEquals(primary, router.current(), "throttling is not a site failure");
    }

    @Test
    void B9_aRetryAfterLongerThanTheAppWaitsByItselfIsTheAnswerToShow() throws IOException {
        URI primary = sites.throttlingFirst(1, "120", 200, "{}", 0);
        SiteRouter router = new SiteRouter(List.of(primary), TIMEOUT);

        SiteRouter.Answer answer = router.send("POST", "/api/v1/logins", Map.of(), Map.of());

        assertEquals(429, answer.status());
        assertEquals(Duration.ofSeconds(120), answer.retryAfter().orElseThrow());
    }
}
