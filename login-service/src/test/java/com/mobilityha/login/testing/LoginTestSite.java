package com.mobilityha.login.testing;

import com.mobilityha.common.testing.DevIdentityProvider;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What login-service talks to, for its tests: a real OIDC directory (mock-oauth2-server with
 * passwords) and stand-ins for the site's connect-gateway and session-service that answer their
 * internal contract, including their problem documents.
 */
public class LoginTestSite implements QuarkusTestResourceLifecycleManager {
    private DevIdentityProvider idp;
    private HttpServer site;

    @Override
    public Map<String, String> start() {
        idp = DevIdentityProvider.start(0).user("acme", "alice", "alice-pw").user("acme", "mallory", "mallory-pw")
                .user("acme", "dora", "dora-pw");
        try {
            site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        site.createContext("/internal/v1/agent-logins", LoginTestSite::agentLogin);
        site.createContext("/internal/v1/sessions", LoginTestSite::session);
        site.start();
        String siteUrl = "http://127.0.0.1:" + site.getAddress().getPort();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.rest-client.connect-gateway.url", siteUrl);
        config.put("quarkus.rest-client.session-service.url", siteUrl);
        config.put("mobility.companies.acme.directory.auth-server-url", idp.issuerUrl("acme"));
        config.put("mobility.companies.acme.directory.client-id", "mobility-login");
        config.put("mobility.companies.acme.directory.client-secret", "test-secret");
        config.put("mobility.companies.globex.sso", "true");
        config.put("mobility.companies.globex.mobility-servers.primary", "https://m1.globex.example");
        config.put("mobility.companies.globex.connect-instances.primary.instance-id", "g-1");
        config.put("mobility.companies.initech.mobility-servers.primary", "https://m1.initech.example");
        config.put("mobility.companies.initech.connect-instances.primary.instance-id", "n-1");
        config.put("mobility.companies.initech.directory.auth-server-url", "http://127.0.0.1:1/initech");
        config.put("mobility.companies.initech.directory.client-id", "mobility-login");
        return config;
    }

    @Override
    public void stop() {
        if (site != null) {
            site.stop(0);
        }
        if (idp != null) {
            idp.close();
        }
    }

    private static void agentLogin(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (body.contains("\"mallory\"")) {
            answer(exchange, 404, "application/problem+json", """
                    {"type":"https://mobility-ha.example/problems/connect-user-not-found",
                     "title":"The user has no Amazon Connect account on this instance","status":404}""");
        } else if (body.contains("\"dora\"")) {
            answer(exchange, 503, "application/problem+json", """
                    {"type":"https://mobility-ha.example/problems/connect-instance-unavailable",
                     "title":"The Amazon Connect instance is unavailable","status":503,
                     "connectInstance":{"role":"primary","instanceId":"i-1"}}""");
        } else {
            answer(exchange, 200, "application/json", """
                    {"instance":{"role":"primary","instanceId":"a1b2c3d4-0000-4000-8000-000000000001",
                     "region":"us-east-1"},"connectUserId":"connect-alice","status":"Available"}""");
        }
    }

    private static void session(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        answer(exchange, 201, "application/json", """
                {"sessionToken":"tok-123","session":{"sessionId":"s-1","companyCode":"acme",
                 "user":{"username":"alice","connectUserId":"connect-alice"},
                 "instance":{"role":"primary","instanceId":"a1b2c3d4-0000-4000-8000-000000000001","region":"us-east-1"},
                 "site":"primary","status":"ACTIVE"}}""");
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
