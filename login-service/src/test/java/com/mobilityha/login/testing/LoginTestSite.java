package com.mobilityha.login.testing;

import com.mobilityha.localstack.identity.DevIdentityProvider;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What login-service talks to, for its tests: a real OIDC directory (mock-oauth2-server with
 * passwords) and stand-ins for the site's connect-gateway and session-service that answer their
 * internal contract, including their problem documents.
 */
public class LoginTestSite implements QuarkusTestResourceLifecycleManager {
    /** The SSO company: one IdP application (issuer) per Connect instance. */
    public static final String SSO_COMPANY = "globex";
    public static final String REDIRECT_URI = "com.globex.mobility:/sso";
    /** B1: what the stand-in gateway answers for the instance new logins should use. */
    public static volatile String upInstance = "primary";
    /** S4: the instance role on which the stand-in gateway answers connect-instance-unavailable. */
    public static volatile String deadInstance;

    /** The IdP of every company (issuers "acme", "globex-primary", "globex-secondary"). */
    public static volatile DevIdentityProvider identityProvider;
    /** SSO company whose IdP is dead ({@link #deadIdentityProvider}). */
    public static final String DEAD_IDP_COMPANY = "hooli";
    /**
     * SSO company whose IdP answers; its IdP application's name ({@code jian/primary}) falls into the same
     * bin of a small hash map as {@link #DEAD_IDP_COMPANY}'s.
     */
    public static final String NEIGHBOUR_COMPANY = "jian";
    /** The IdP of {@link #DEAD_IDP_COMPANY}: accepts connections, never answers. */
    public static volatile SilentServer deadIdentityProvider;
    /** The bodies of the agent logins the stand-in gateway received, in order. */
    public static final List<String> AGENT_LOGINS = new CopyOnWriteArrayList<>();

    private static final Pattern INSTANCE = Pattern.compile("\"instance\":(\\{[^}]*})");

    private DevIdentityProvider idp;
    private SilentServer deadIdp;
    private HttpServer site;

    @Override
    public Map<String, String> start() {
        idp = DevIdentityProvider.start(0).user("acme", "alice", "alice-pw").user("acme", "mallory", "mallory-pw")
                .user("acme", "dora", "dora-pw");
        identityProvider = idp;
        deadIdp = new SilentServer();
        deadIdentityProvider = deadIdp;
        try {
            site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        site.createContext("/internal/v1/agent-logins/next-instance/", exchange -> answer(exchange, 200,
                "application/json", "{\"role\":\"" + upInstance + "\",\"instanceId\":\"g-"
                        + ("primary".equals(upInstance) ? 1 : 2) + "\",\"region\":\"us-east-1\"}"));
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
        config.put("mobility.companies.globex.connect-instances.secondary.instance-id", "g-2");
        config.put("login.sso.refresh-token-key", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        config.put("login.sso.companies.globex.redirect-uri", REDIRECT_URI);
        config.put("mobility.companies.umbrella.sso", "true");
        config.put("mobility.companies.umbrella.mobility-servers.primary", "https://m1.umbrella.example");
        config.put("mobility.companies.umbrella.connect-instances.primary.instance-id", "u-1");
        config.put("login.sso.companies.umbrella.redirect-uri", "com.umbrella.mobility:/sso");
        config.put("login.sso.companies.umbrella.instances.primary.auth-server-url", idp.issuerUrl("umbrella-primary"));
        config.put("login.sso.companies.umbrella.instances.primary.client-id", "mobility-umbrella");
        for (String role : List.of("primary", "secondary")) {
            String app = "login.sso.companies.globex.instances." + role + ".";
            config.put(app + "auth-server-url", idp.issuerUrl("globex-" + role));
            config.put(app + "client-id", "mobility-" + role);
            config.put(app + "client-secret", "test-secret-" + role);
        }
        ssoCompany(config, DEAD_IDP_COMPANY, deadIdp.url());
        ssoCompany(config, NEIGHBOUR_COMPANY, idp.issuerUrl(NEIGHBOUR_COMPANY + "-primary"));
        config.put("mobility.companies.initech.mobility-servers.primary", "https://m1.initech.example");
        config.put("mobility.companies.initech.connect-instances.primary.instance-id", "n-1");
        config.put("mobility.companies.initech.directory.auth-server-url", "http://127.0.0.1:1/initech");
        config.put("mobility.companies.initech.directory.client-id", "mobility-login");
        return config;
    }

    /** A one-instance SSO company whose logins start on its primary instance, with this IdP. */
    private static void ssoCompany(Map<String, String> config, String code, String issuerUrl) {
        config.put("mobility.companies." + code + ".sso", "true");
        config.put("mobility.companies." + code + ".mobility-servers.primary", "https://m1." + code + ".example");
        config.put("mobility.companies." + code + ".connect-instances.primary.instance-id", code + "-1");
        config.put("login.sso.companies." + code + ".redirect-uri", "com." + code + ".mobility:/sso");
        config.put("login.sso.companies." + code + ".health-aware-login", "false");
        config.put("login.sso.companies." + code + ".instances.primary.auth-server-url", issuerUrl);
        config.put("login.sso.companies." + code + ".instances.primary.client-id", "mobility-" + code);
    }

    @Override
    public void stop() {
        if (site != null) {
            site.stop(0);
        }
        if (deadIdp != null) {
            try {
                deadIdp.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (idp != null) {
            idp.close();
        }
    }

    private static void agentLogin(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        AGENT_LOGINS.add(body);
        String pinned = deadInstance == null ? null : "\"instanceRole\":\"" + deadInstance + "\"";
        if (body.contains("\"instanceRole\":\"") && (pinned == null || !body.contains(pinned))) {
            String role = body.contains("\"instanceRole\":\"secondary\"") ? "secondary" : "primary";
            answer(exchange, 200, "application/json", "{\"instance\":{\"role\":\"" + role + "\",\"instanceId\":\"g-"
                    + ("primary".equals(role) ? 1 : 2) + "\",\"region\":\"us-east-1\"},\"connectUserId\":\"connect-sso\","
                    + "\"status\":\"Available\"}");
        } else if (body.contains("\"mallory\"")) {
            answer(exchange, 404, "application/problem+json", """
                    {"type":"https://mobility-ha.example/problems/connect-user-not-found",
                     "title":"The user has no Amazon Connect account on this instance","status":404}""");
        } else if (body.contains("\"dora\"") || pinned != null && body.contains(pinned)) {
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

    /** Answers a new session on the instance the request names. */
    private static void session(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Matcher instance = INSTANCE.matcher(body);
        String instanceJson = instance.find() ? instance.group(1)
                : "{\"role\":\"primary\",\"instanceId\":\"a1b2c3d4-0000-4000-8000-000000000001\",\"region\":\"us-east-1\"}";
        answer(exchange, 201, "application/json", """
                {"sessionToken":"tok-123","session":{"sessionId":"s-1","companyCode":"acme",
                 "user":{"username":"alice","connectUserId":"connect-alice"},
                 "instance":%s,
                 "site":"primary","status":"ACTIVE"}}""".formatted(instanceJson));
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
