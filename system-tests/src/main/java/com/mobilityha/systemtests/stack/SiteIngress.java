package com.mobilityha.systemtests.stack;

import com.mobilityha.systemtests.kube.Endpoints;
import com.mobilityha.systemtests.kube.IngressTimeouts;
import com.mobilityha.systemtests.kube.Pod;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * A site's one HTTP host, as the Kubernetes ingress (ingress-nginx) gives it to the app
 * ({@code k8s/base/ingress.yaml}): each request is passed by path prefix to a <em>ready</em> replica of one
 * of the site's four services, in turn, with X-Forwarded-For (the client's own forwarded headers replaced, as
 * ingress-nginx does without {@code use-forwarded-headers}). As nginx's {@code proxy_next_upstream error
 * timeout} does, a request whose replica cannot be reached goes to the next ready one, and a request that
 * failed after it was sent is tried again only if its method is idempotent; with no ready replica the
 * answer is 503. Its connect and read timeouts are the manifest's ({@link IngressTimeouts}). The app (and the reference client) then knows one base URL per site.
 */
public final class SiteIngress implements AutoCloseable {
    private static final Set<String> NON_IDEMPOTENT = Set.of("POST", "PATCH", "LOCK");
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "keep-alive", "expect");
    /** What the ingress itself says of the client: a client's own values are dropped, as ingress-nginx does by default. */
    private static final Set<String> FORWARDED = Set.of("forwarded", "x-forwarded-for", "x-forwarded-proto",
            "x-forwarded-host", "x-forwarded-port");

    private final HttpServer server;
    private final Map<String, Endpoints> routes;
    private final IngressTimeouts timeouts = IngressTimeouts.ofManifest();
    private final HttpClient upstream = HttpClient.newBuilder().connectTimeout(timeouts.connect())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private SiteIngress(HttpServer server, Map<String, Endpoints> routes) {
        this.server = server;
        this.routes = routes;
    }

    /** Listens on {@code port} and routes the contract's paths (docs/architecture.md §3) to the site's services' ready replicas. */
    public static SiteIngress start(int port, Endpoints login, Endpoints session, Endpoints gateway, Endpoints notifier) {
        Map<String, Endpoints> routes = new LinkedHashMap<>();
        List.of("/api/v1/companies", "/api/v1/logins").forEach(prefix -> routes.put(prefix, login));
        List.of("/api/v1/session", "/api/v1/servers", "/admin").forEach(prefix -> routes.put(prefix, session));
        List.of("/api/v1/agent", "/api/v1/calls", "/api/v1/admin/failbacks",
                "/api/v1/admin/traffic-distributions").forEach(prefix -> routes.put(prefix, gateway));
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
        Endpoints service = routes.entrySet().stream().filter(route -> path.startsWith(route.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (service == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        try {
            Optional<HttpResponse<byte[]>> response = send(exchange, service, body);
            if (response.isPresent()) {
                answer(exchange, response.get());
            } else {
                exchange.sendResponseHeaders(service.ready().isEmpty() ? 503 : 502, -1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
        } finally {
            exchange.close();
        }
    }

    /** The answer of the first ready replica that gives one, trying the next as nginx does; empty if none did. */
    private Optional<HttpResponse<byte[]>> send(HttpExchange exchange, Endpoints service, byte[] body)
            throws InterruptedException {
        for (Pod pod : service.inTurn()) {
            try {
                return Optional.of(upstream.send(request(exchange, pod, body), HttpResponse.BodyHandlers.ofByteArray()));
            } catch (ConnectException | HttpConnectTimeoutException notReached) {
                // the replica never got it: the next one may take it, whatever the method
            } catch (IOException failedAfterSending) {
                if (NON_IDEMPOTENT.contains(exchange.getRequestMethod())) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private HttpRequest request(HttpExchange exchange, Pod pod, byte[] body) {
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(pod.baseUrl() + path + (query == null ? "" : "?" + query)))
                .timeout(timeouts.read())
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase()) && !FORWARDED.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        request.header("X-Forwarded-For", exchange.getRemoteAddress().getAddress().getHostAddress());
        request.header("X-Forwarded-Proto", "http");
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host != null) {
            request.header("X-Forwarded-Host", host);
        }
        return request.build();
    }

    private static void answer(HttpExchange exchange, HttpResponse<byte[]> response) throws IOException {
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
    }
}
