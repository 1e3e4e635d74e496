package com.mobilityha.systemtests.stack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * A site's one HTTP host, as the Kubernetes ingress gives it to the app ({@code k8s/base/ingress.yaml}):
 * requests are passed by path prefix to the site's four services, with X-Forwarded-For. The app
 * (and the reference client) then knows one base URL per site.
 */
public final class SiteIngress implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "keep-alive", "expect");

    private final HttpServer server;
    private final Map<String, String> routes;
    private final HttpClient upstream = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private SiteIngress(HttpServer server, Map<String, String> routes) {
        this.server = server;
        this.routes = routes;
    }

    /** Listens on {@code port} and routes the contract's paths (docs/architecture.md §3) to the site's services' base URLs. */
    public static SiteIngress start(int port, String login, String session, String gateway, String notifier) {
        Map<String, String> routes = new LinkedHashMap<>();
        List.of("/api/v1/companies", "/api/v1/logins").forEach(prefix -> routes.put(prefix, login));
        List.of("/api/v1/session", "/api/v1/servers", "/admin").forEach(prefix -> routes.put(prefix, session));
        List.of("/api/v1/agent", "/api/v1/calls", "/api/v1/admin/failbacks").forEach(prefix -> routes.put(prefix, gateway));
        List.of("/api/v1/devices", "/api/v1/admin/notifications").forEach(prefix -> routes.put(prefix, notifier));
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            SiteIngress ingress = new SiteIngress(server, routes);
            server.createContext("/", ingress::pass);
            server.setExecutor(Executors.newFixedThreadPool(16));
            server.start();
            return ingress;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The site's base URL for the app. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void pass(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String target = routes.entrySet().stream().filter(route -> path.startsWith(route.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (target == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        String query = exchange.getRequestURI().getRawQuery();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + path + (query == null ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(
                        exchange.getRequestBody().readAllBytes()));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        request.header("X-Forwarded-For", exchange.getRemoteAddress().getAddress().getHostAddress());
        request.header("X-Forwarded-Proto", "http");
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host != null) {
            request.header("X-Forwarded-Host", host);
        }
        try {
            HttpResponse<byte[]> response = upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        } catch (IOException e) {
            exchange.sendResponseHeaders(502, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
        } finally {
            exchange.close();
        }
    }
}
