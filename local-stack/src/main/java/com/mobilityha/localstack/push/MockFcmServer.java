package com.mobilityha.localstack.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityha.localstack.process.Poll;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local Firebase Cloud Messaging endpoint that speaks the real HTTP v1 protocol: a Google-style
 * OAuth2 token endpoint (JWT bearer grant, RS256 assertion verified against the service account's
 * public key) and {@code POST /v1/projects/{project}/messages:send} with FCM's error format
 * ({@code UNREGISTERED}, {@code UNAVAILABLE}, {@code UNAUTHENTICATED}). It writes the service-account
 * key file a notifier is configured with.
 */
public final class MockFcmServer implements AutoCloseable {
    public static final String PROJECT = "mobility-ha-test";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final KeyPair key;
    private final Path serviceAccount;
    private final Set<String> accessTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> unregistered = ConcurrentHashMap.newKeySet();
    private final Set<String> unavailableOnce = ConcurrentHashMap.newKeySet();
    private final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
    private final Map<String, List<Delivery>> deliveries = new ConcurrentHashMap<>();

    private MockFcmServer(Path dir) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        key = generator.generateKeyPair();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", this::token);
        server.createContext("/v1/projects/", this::send);
        server.start();
        serviceAccount = dir.resolve("fcm-service-account.json");
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.writeString(serviceAccount, JSON.writeValueAsString(Map.of("type", "service_account",
                "project_id", PROJECT, "private_key_id", "test-key", "private_key", pem,
                "client_email", "notifier@" + PROJECT + ".iam.gserviceaccount.com", "token_uri", baseUrl() + "/token")));
    }

    /** Starts on a free port; the service-account file goes to {@code dir}. */
    public static MockFcmServer start(Path dir) {
        try {
            return new MockFcmServer(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Notifier settings pointing at this endpoint. */
    public Map<String, String> notifierProperties() {
        return Map.of("notifier.fcm.service-account-file", serviceAccount.toString(), "notifier.fcm.endpoint", baseUrl());
    }

    /** A registration token FCM issued to an Android device. */
    public String newDeviceToken() {
        byte[] bytes = new byte[96];
        new SecureRandom().nextBytes(bytes);
        return "fcm:" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The app was uninstalled: FCM answers 404 UNREGISTERED for this token from now on. */
    public void unregister(String token) {
        unregistered.add(token);
    }

    /** The next send to this token answers 503 UNAVAILABLE. */
    public void unavailableOnce(String token) {
        unavailableOnce.add(token);
    }

    /** Messages accepted for this token, oldest first. */
    public List<JsonNode> receivedBy(String token) {
        return accepted.stream().filter(m -> m.path("message").path("token").asText().equals(token)).toList();
    }

    /** What this device received, oldest first, with when each arrived. */
    public List<Delivery> deliveriesTo(String token) {
        return List.copyOf(deliveries.getOrDefault(token, List.of()));
    }

    /** Waits until this device received a message. */
    public boolean awaitDelivery(String token, Duration timeout) {
        return Poll.until(() -> !receivedBy(token).isEmpty(), timeout);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type")) || !validAssertion(form.get("assertion"))) {
            reply(exchange, 400, Map.of("error", "invalid_grant", "error_description", "Invalid JWT Signature."));
            return;
        }
        String accessToken = "ya29." + newDeviceToken().substring(4, 40);
        accessTokens.add(accessToken);
        reply(exchange, 200, Map.of("access_token", accessToken, "expires_in", 3599, "token_type", "Bearer"));
    }

    private boolean validAssertion(String jwt) {
        try {
            String[] parts = jwt.split("\\.");
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key.getPublic());
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return rsa.verify(Base64.getUrlDecoder().decode(parts[2]))
                    && claims.path("aud").asText().equals(baseUrl() + "/token")
                    && claims.path("scope").asText().contains("firebase.messaging");
        } catch (Exception e) {
            return false;
        }
    }

    private void send(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !accessTokens.contains(auth.replace("Bearer ", ""))) {
            reply(exchange, 401, error(401, "UNAUTHENTICATED", null));
            return;
        }
        if (!exchange.getRequestURI().getPath().equals("/v1/projects/" + PROJECT + "/messages:send")) {
            reply(exchange, 404, error(404, "NOT_FOUND", null));
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        String token = body.path("message").path("token").asText();
        if (unregistered.contains(token)) {
            reply(exchange, 404, error(404, "NOT_FOUND", "UNREGISTERED"));
        } else if (unavailableOnce.remove(token)) {
            reply(exchange, 503, error(503, "UNAVAILABLE", "UNAVAILABLE"));
        } else if (token.isEmpty()) {
            reply(exchange, 400, error(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT"));
        } else {
            accepted.add(body);
            deliveries.computeIfAbsent(token, t -> new CopyOnWriteArrayList<>()).add(new Delivery(body.toString(), System.nanoTime()));
            reply(exchange, 200, Map.of("name", "projects/" + PROJECT + "/messages/" + accepted.size()));
        }
    }

    private static Map<String, Object> error(int code, String status, String errorCode) {
        Map<String, Object> error = new HashMap<>(Map.of("code", code, "message", status, "status", status));
        if (errorCode != null) {
            error.put("details", List.of(Map.of("@type", "type.googleapis.com/google.firebase.fcm.v1.FcmError",
                    "errorCode", errorCode)));
        }
        return Map.of("error", error);
    }

    private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] json = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, json.length);
        exchange.getResponseBody().write(json);
        exchange.close();
    }
}
