package com.mobilityha.common.testing;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import okhttp3.Headers;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
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

    private DevIdentityProvider() {
        this.server = new MockOAuth2Server(new PasswordCheck());
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

    /** Password grants refused so far (wrong password or unknown user). */
    public int refusals() {
        return refusals.get();
    }

    @Override
    public void close() {
        server.shutdown();
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
