package com.mobilityha.common.testing;

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

    private DevIdentityProvider() {
        this.server = new MockOAuth2Server(new PasswordCheck(), new SignInRefusal());
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
        server.enqueueCallback(new DefaultOAuth2TokenCallback(issuerId, username, "JWT", null,
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
