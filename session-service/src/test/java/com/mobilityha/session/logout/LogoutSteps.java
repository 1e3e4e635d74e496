package com.mobilityha.session.logout;

import com.mobilityha.session.testing.LoopbackServer;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stand-ins for the site's notifier-service, connect-gateway and login-service endpoints a logout
 * calls: they record each call (method, path, bearer, body) and answer as the real ones do, 503
 * while {@link #failing} is set, or only after {@link #HANG} while {@link #hanging} is set.
 */
public class LogoutSteps implements QuarkusTestResourceLifecycleManager {
    /** Calls received, as "METHOD path bearer body". */
    public static final List<String> CALLS = new CopyOnWriteArrayList<>();
    /** The service token ({@code Service-Authorization}) of each call, by path; calls without one are absent. */
    public static final Map<String, String> SERVICE_TOKENS = new ConcurrentHashMap<>();
    /** When true, every stand-in answers 503. */
    public static volatile boolean failing;
    /** When true, every stand-in takes {@link #HANG} to answer. */
    public static volatile boolean hanging;
    /** How long a hanging stand-in takes to answer. */
    public static final Duration HANG = Duration.ofSeconds(5);

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        server = LoopbackServer.start(exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            CALLS.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            String serviceToken = exchange.getRequestHeaders().getFirst("Service-Authorization");
            if (serviceToken != null) {
                SERVICE_TOKENS.put(exchange.getRequestURI().getPath(), serviceToken);
            }
            if (hanging) {
                hang();
            }
            exchange.sendResponseHeaders(failing ? 503 : 204, -1);
            exchange.close();
        });
        String url = LoopbackServer.url(server);
        return Map.of("quarkus.rest-client.notifier-service.url", url,
                "quarkus.rest-client.connect-gateway.url", url,
                "quarkus.rest-client.login-service.url", url);
    }

    private static void hang() {
        try {
            Thread.sleep(HANG.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
