package com.mobilityha.localstack.identity;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.Headers;

import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local OIDC provider for tests and the demo: navikt's mock-oauth2-server (real discovery, JWKS,
 * signed JWTs, authorization code and password grants) with one issuer per company, plus a
 * company directory so that the password grant refuses wrong passwords with {@code invalid_grant}
 * as a real IdP does.
 */
public final class DevIdentityProvider implements AutoCloseable {
    private final MockOAuth2Server server;
    private final Map<String, Map<String, String>> passwordsByIssuer = new ConcurrentHashMap<>();
    private final AtomicInteger refusals = new AtomicInteger();
    private final Set<String> refusingSignIns = ConcurrentHashMap.newKeySet();
    private final Map<String, Map<String, Account>> accountsByIssuer = new ConcurrentHashMap<>();
    private final Set<String> signInTickets = ConcurrentHashMap.newKeySet();

    private DevIdentityProvider() {
        this.server = new MockOAuth2Server(new PasswordCheck(), new SignInRefusal(), new SignInPage(),
                new SignInSubmit());
    }

    /** Starts on a free loopback port (0) or the given one. */
    public static DevIdentityProvider start(int port) {
        DevIdentityProvider idp = new DevIdentityProvider();
        idp.server.start(InetAddress.getLoopbackAddress(), port);
        return idp;
    }

    /** Adds a user with a password to the directory of an issuer (one issuer per company). */
    public DevIdentityProvider user(String issuerId, String username, String password) {
        passwordsByIssuer.computeIfAbsent(issuerId, k -> new ConcurrentHashMap<>()).put(username, password);
        return this;
    }

    /**
     * Adds an account that signs in on this issuer's own sign-in page (authorization code flow, as a
     * browser does): its tokens carry {@code preferred_username}, {@code company}, the roles in
     * {@code groups} and the audience {@code mobility-ha}.
     */
    public DevIdentityProvider account(String issuerId, String username, String password, String company,
                                       List<String> roles) {
        accountsByIssuer.computeIfAbsent(issuerId, k -> new ConcurrentHashMap<>())
                .put(username, new Account(password, company, roles));
        return this;
    }

    /** The issuer URL of a company, i.e. its auth-server-url. */
    public String issuerUrl(String issuerId) {
        return server.issuerUrl(issuerId).toString();
    }

    /** A signed access token of this issuer, e.g. for an admin with claims {@code company} and {@code groups}. */
    public String token(String issuerId, String subject, String audience, Map<String, Object> claims) {
        return server.issueToken(issuerId, subject, audience, claims).serialize();
    }

    /**
     * An administrator's access token: subject {@code admin@<company>}, audience {@code mobility-ha},
     * role {@code mobility-admin} in {@code groups}, claim {@code company}.
     */
    public String adminToken(String issuerId, String companyCode) {
        return token(issuerId, "admin@" + companyCode, "mobility-ha",
                Map.of("company", companyCode, "groups", List.of("mobility-admin")));
    }

    /**
     * The next sign-in (authorization code flow) at this issuer is by {@code username}: its ID token
     * carries the username as subject and {@code preferred_username}.
     */
    public void signInNext(String issuerId, String username) {
        signInNext(issuerId, username, username);
    }

    /**
     * The next sign-in at this issuer is by the account {@code subject} whose {@code preferred_username} is
     * {@code username} (an IdP that lets users edit it: an account may claim another user's name).
     */
    public void signInNext(String issuerId, String subject, String username) {
        server.enqueueCallback(new DefaultOAuth2TokenCallback(issuerId, subject, "JWT", null,
                Map.of("preferred_username", username), 3600));
    }

    /**
     * S5, an IdP with HA of its own: while refusing, this issuer's authorization endpoint sends the
     * browser back at once with {@code error=temporarily_unavailable}, before asking for credentials.
     */
    public void refuseSignIns(String issuerId, boolean refusing) {
        if (refusing) {
            refusingSignIns.add(issuerId);
        } else {
            refusingSignIns.remove(issuerId);
        }
    }

    /** Password grants refused so far (wrong password or unknown user). */
    public int refusals() {
        return refusals.get();
    }

    @Override
    public void close() {
        server.shutdown();
    }

    /** Sends sign-ins of a refusing issuer back to the app with an OAuth error, as an IdP with HA does. */
    private final class SignInRefusal implements Route {
        @Override
        public boolean match(OAuth2HttpRequest request) {
            List<String> segments = request.getUrl().pathSegments();
            return "GET".equals(request.getMethod()) && segments.size() == 2 && "authorize".equals(segments.get(1))
                    && refusingSignIns.contains(segments.get(0));
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            String back = request.getUrl().queryParameter("redirect_uri");
            String state = request.getUrl().queryParameter("state");
            String location = back + (back.contains("?") ? "&" : "?") + "error=temporarily_unavailable"
                    + (state == null ? "" : "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8));
            return new OAuth2HttpResponse(Headers.of("Location", location), 302, null, null);
        }
    }

    private record Account(String password, String company, List<String> roles) {
    }

    /**
     * The sign-in page of an issuer with accounts: shown at its authorization endpoint unless the
     * request carries a ticket of a sign-in that just succeeded (then the server issues the code).
     */
    private final class SignInPage implements Route {
        @Override
        public boolean match(OAuth2HttpRequest request) {
            List<String> segments = request.getUrl().pathSegments();
            return "GET".equals(request.getMethod()) && segments.size() == 2 && "authorize".equals(segments.get(1))
                    && accountsByIssuer.containsKey(segments.get(0))
                    && !signInTickets.remove(String.valueOf(request.getUrl().queryParameter("ticket")));
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            return signInForm(request.getUrl().pathSegments().get(0), request.getUrl().encodedQuery(), "", 200);
        }
    }

    /** Checks the sign-in form; on success the next token of the issuer is the account's, and the flow goes on. */
    private final class SignInSubmit implements Route {
        @Override
        public boolean match(OAuth2HttpRequest request) {
            List<String> segments = request.getUrl().pathSegments();
            return "POST".equals(request.getMethod()) && segments.size() == 2 && "sign-in".equals(segments.get(1))
                    && accountsByIssuer.containsKey(segments.get(0));
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            String issuerId = request.getUrl().pathSegments().get(0);
            Map<String, String> form = request.getFormParameters().getMap();
            String username = form.getOrDefault("username", "");
            String query = form.getOrDefault("query", "");
            Account account = accountsByIssuer.get(issuerId).get(username);
            if (account == null || !account.password().equals(form.get("password"))) {
                refusals.incrementAndGet();
                return signInForm(issuerId, query, "Wrong username or password.", 401);
            }
            server.enqueueCallback(new DefaultOAuth2TokenCallback(issuerId, username, "JWT", List.of("mobility-ha"),
                    Map.of("preferred_username", username, "company", account.company(), "groups", account.roles()),
                    3600));
            String ticket = UUID.randomUUID().toString();
            signInTickets.add(ticket);
            return new OAuth2HttpResponse(Headers.of("Location", server.issuerUrl(issuerId) + "/authorize?" + query
                    + "&ticket=" + ticket), 302, null, null);
        }
    }

    private OAuth2HttpResponse signInForm(String issuerId, String query, String error, int status) {
        String html = """
                <!doctype html><html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1"><title>Sign in · %1$s</title></head>
                <body><main><h1>Sign in to %1$s</h1><p role="alert" id="error">%2$s</p>
                <form method="post" action="%3$s/sign-in">
                <input type="hidden" name="query" value="%4$s">
                <p><label for="username">Username</label><br><input id="username" name="username" autocomplete="username" required></p>
                <p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
                <p><button id="sign-in" type="submit">Sign in</button></p></form></main></body></html>"""
                .formatted(escape(issuerId), escape(error), escape(server.issuerUrl(issuerId).encodedPath()), escape(query));
        return new OAuth2HttpResponse(Headers.of("Content-Type", "text/html; charset=utf-8"), status, html, null);
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    /** Answers {@code invalid_grant} for password grants whose credentials are not in the directory. */
    private final class PasswordCheck implements Route {
        @Override
        public boolean match(OAuth2HttpRequest request) {
            if (!"POST".equals(request.getMethod()) || !request.getUrl().encodedPath().endsWith("/token")) {
                return false;
            }
            String body = request.getBody() == null ? "" : request.getBody();
            if (!body.contains("grant_type=password")) {
                return false;
            }
            List<String> segments = request.getUrl().pathSegments();
            String issuerId = segments.get(0);
            String username = request.getFormParameters().get("username");
            String password = request.getFormParameters().get("password");
            String expected = passwordsByIssuer.getOrDefault(issuerId, Map.of()).get(username);
            return expected == null || !expected.equals(password);
        }

        @Override
        public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
            refusals.incrementAndGet();
            return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), 400,
                    "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid user credentials\"}", null);
        }
    }
}
