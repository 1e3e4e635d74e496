package com.mobilityha.mobile.site;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** S2 on real sockets: the app reaches the secondary site when the primary does not answer or fails. */
class SiteRouterTests {
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : started) {
            closeable.close();
        }
    }

    @Test
    void S2_aPrimarySiteThatIsDownSendsTheAppToTheSecondary() throws IOException {
        URI secondary = site(200, "{\"site\":\"secondary\"}", 0);
        SiteRouter router = new SiteRouter(List.of(closedPort(), secondary), TIMEOUT);

        SiteRouter.Answer answer = router.send("GET", "/api/v1/companies/acme/settings", null, Map.of());

        assertEquals("secondary", answer.json().get("site").asText());
        assertEquals(secondary, router.current(), "it stays on the site that answered");
        assertEquals(1, router.failovers().size());
    }

    @Test
    void S2_aPrimaryThatHangsCostsOneTimeoutThenTheSecondaryAnswers() throws IOException {
        URI hanging = site(200, "{}", 5_000);
        URI secondary = site(200, "{\"site\":\"secondary\"}", 0);
        SiteRouter router = new SiteRouter(List.of(hanging, secondary), TIMEOUT);

        long start = System.nanoTime();
        SiteRouter.Answer answer = router.send("POST", "/api/v1/logins", Map.of("companyCode", "acme"), Map.of());

        assertEquals("secondary", answer.json().get("site").asText());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(3).toNanos(), "bounded by the timeout, not the hang");
    }

    @Test
    void S2_aPrimaryAnswering5xxAboutItselfSendsTheAppToTheSecondary() throws IOException {
        URI failing = site(503, "{\"type\":\"https://mobility-ha.example/problems/dependency-unavailable\"}", 0);
        URI secondary = site(201, "{\"sessionToken\":\"t\"}", 0);
        SiteRouter router = new SiteRouter(List.of(failing, secondary), TIMEOUT);

        assertEquals(201, router.send("POST", "/api/v1/logins", Map.of(), Map.of()).status());
        router.startOver();
        assertEquals(failing, router.current(), "the next login starts at the primary again (S7)");
    }

    @Test
    void aConnectInstanceProblemIsTheAppsToHandleNotASiteFailure() throws IOException {
        URI primary = site(503, "{\"type\":\"https://mobility-ha.example/problems/connect-instance-unavailable\","
                + "\"retryWith\":{\"loginId\":\"l-2\"}}", 0);
        URI secondary = site(201, "{}", 0);
        SiteRouter router = new SiteRouter(List.of(primary, secondary), TIMEOUT);

        SiteRouter.Answer answer = router.send("POST", "/api/v1/logins/l-1/complete", Map.of(), Map.of());

        assertEquals(503, answer.status());
        assertEquals("l-2", answer.json().at("/retryWith/loginId").asText());
        assertEquals(primary, router.current());
    }

    @Test
    void whenNoSiteAnswersTheAppIsToldWhy() {
        SiteRouter router = new SiteRouter(List.of(closedPort(), closedPort()), TIMEOUT);

        IOException failure = assertThrows(IOException.class, () -> router.send("GET", "/api/v1/session", null, Map.of()));
        assertTrue(failure.getMessage().contains("ConnectException"), failure.getMessage());
    }

    /** A stand-in site answering every request with this status and body after {@code delayMillis}. */
    private URI site(int status, String body, long delayMillis) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        started.add(() -> server.stop(0));
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** A loopback port nobody listens on: connections are refused at once. */
    private static URI closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
