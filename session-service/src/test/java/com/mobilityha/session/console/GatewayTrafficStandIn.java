package com.mobilityha.session.console;

import com.mobilityha.session.testing.LoopbackServer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * connect-gateway's traffic distribution admin API as the console calls it, standing in: the distribution of acme
 * (200), a shift to us-west-2 (202), or the 400 problem Connect's refusal is; calls recorded as
 * "METHOD path Authorization Idempotency-Key body". With {@link ConsoleSignInResource}'s sign-in.
 */
public class GatewayTrafficStandIn extends ConsoleSignInResource {
    static final List<String> CALLS = new CopyOnWriteArrayList<>();
    static final String DISTRIBUTION = "{\"companyCode\":\"acme\",\"policy\":\"MANUAL\",\"regions\":[{\"region\":\"us-east-1\","
            + "\"agents\":100}],\"shift\":null}";
    static final String REFUSED = "{\"type\":\"https://mobility-ha.example/problems/invalid-request\",\"status\":400,"
            + "\"detail\":\"Amazon Connect refused UpdateTrafficDistribution: not a default group\"}";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        server = LoopbackServer.start(this::answer);
        Map<String, String> properties = new HashMap<>(super.start());
        properties.put("quarkus.rest-client.gateway-admin.url", LoopbackServer.url(server));
        return properties;
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        CALLS.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                + exchange.getRequestHeaders().getFirst("Authorization") + " "
                + exchange.getRequestHeaders().getFirst("Idempotency-Key") + " " + body);
        boolean get = exchange.getRequestMethod().equals("GET");
        boolean refused = body.contains("campaigns");
        String answer = get ? DISTRIBUTION : refused ? REFUSED
                : "{\"shiftId\":\"s-1\",\"targetRegion\":\"us-west-2\",\"percentage\":10,\"state\":\"IN_PROGRESS\"}";
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", refused ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(get ? 200 : refused ? 400 : 202, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void stop() {
        super.stop();
        if (server != null) {
            server.stop(0);
        }
    }
}
