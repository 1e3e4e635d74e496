package com.mobilityha.login.sso;

import com.mobilityha.common.problem.Problem;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClientException;
import io.quarkus.oidc.client.Tokens;
import org.jboss.logging.Logger;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;

import java.io.Closeable;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One IdP application (the OIDC client of one Connect instance) as discovered: it builds the
 * authorization URL, exchanges a code (with its PKCE verifier) for tokens through the Quarkus OIDC
 * client, and validates the ID token (signature against the IdP's JWKS, issuer, audience, expiry).
 */
final class IdpApplication implements Closeable {
    private static final Logger LOG = Logger.getLogger(IdpApplication.class);

    private final String name;
    private final String authorizationEndpoint;
    private final String clientId;
    private final String usernameClaim;
    private final String scopes;
    private final OidcClient tokens;
    private final JwtConsumer idTokens;
    private final Duration timeout;

    IdpApplication(String name, String authorizationEndpoint, String clientId, String usernameClaim, String scopes,
                   OidcClient tokens, JwtConsumer idTokens, Duration timeout) {
        this.scopes = scopes;
        this.name = name;
        this.authorizationEndpoint = authorizationEndpoint;
        this.clientId = clientId;
        this.usernameClaim = usernameClaim;
        this.tokens = tokens;
        this.idTokens = idTokens;
        this.timeout = timeout;
    }

    /** Where the app sends the user to sign in: code flow with PKCE (S256), state and nonce. */
    String authorizationUrl(PendingLogin login, String redirectUri) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", redirectUri);
        query.put("scope", scopes);
        query.put("state", login.state());
        query.put("nonce", login.nonce());
        query.put("code_challenge", login.codeChallenge());
        query.put("code_challenge_method", "S256");
        return authorizationEndpoint + (authorizationEndpoint.contains("?") ? "&" : "?") + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /**
     * Exchanges the code and validates the ID token it brings; the signed-in user, or an
     * {@code invalid-authorization} problem when the IdP refuses the code or the token does not hold.
     */
    SignedIn signIn(String code, String codeVerifier, String redirectUri, String nonce) {
        Tokens granted;
        try {
            granted = tokens.getTokens(Map.of("code", code, "code_verifier", codeVerifier, "redirect_uri", redirectUri))
                    .await().atMost(timeout);
        } catch (OidcClientException e) {
            String refusal = String.valueOf(e.getMessage());
            if (refusal.contains("invalid_grant")) {
                LOG.infof("IdP application %s refused an authorization code", name);
                throw new ProblemException(ProblemType.INVALID_AUTHORIZATION,
                        "The sign-in was not accepted (code already used, expired or not for this login); sign in again");
            }
            if (refusal.contains("\"error\"")) { // an OAuth error other than the code's: the application's setup
                LOG.errorf("IdP application %s refused the token request: %s", name, refusal);
                throw new ProblemException(ProblemType.LOGIN_METHOD_NOT_AVAILABLE,
                        "The identity provider refused this application's sign-in; tell your administrator");
            }
            throw unavailable(e);
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
        String idToken = granted.get("id_token");
        if (idToken == null) {
            throw new ProblemException(ProblemType.INVALID_AUTHORIZATION, "The identity provider sent no ID token");
        }
        JwtClaims claims;
        try {
            claims = idTokens.processToClaims(idToken);
        } catch (InvalidJwtException e) {
            LOG.warnf("IdP application %s sent an ID token that does not validate: %s", name, e.getMessage());
            throw new ProblemException(ProblemType.INVALID_AUTHORIZATION, "The identity provider's ID token is not valid");
        }
        try {
            if (!nonce.equals(claims.getStringClaimValue("nonce"))) {
                throw new ProblemException(ProblemType.INVALID_AUTHORIZATION, "The ID token is not for this login");
            }
            String username = claims.getStringClaimValue(usernameClaim);
            if (username == null || username.isBlank()) {
                LOG.warnf("IdP application %s sent an ID token without the username claim %s", name, usernameClaim);
                throw new ProblemException(ProblemType.INVALID_AUTHORIZATION,
                        "The identity provider's ID token does not name the user (claim " + usernameClaim + ")");
            }
            return new SignedIn(claims.getIssuer(), claims.getSubject(), username,
                    Optional.ofNullable(granted.getRefreshToken()));
        } catch (MalformedClaimException e) {
            throw new ProblemException(ProblemType.INVALID_AUTHORIZATION, "The ID token's claims are malformed");
        }
    }

    /**
     * Revokes a refresh token at the IdP (RFC 7009; servers look the token up whatever its type).
     * False when the IdP has no revocation endpoint or did not revoke it.
     */
    boolean revoke(String refreshToken) {
        try {
            return Boolean.TRUE.equals(tokens.revokeAccessToken(refreshToken).await().atMost(timeout));
        } catch (RuntimeException e) {
            LOG.warnf("IdP application %s did not revoke a refresh token: %s", name, e.getMessage());
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        tokens.close();
    }

    private ProblemException unavailable(RuntimeException e) {
        return unavailable(name, e.getMessage());
    }

    /** The IdP did not answer (discovery, token exchange): 503 with {@code Retry-After}, logged with why. */
    static ProblemException unavailable(String application, String why) {
        LOG.warnf("IdP application %s unavailable: %s", application, why);
        return unavailable(Duration.ofSeconds(2));
    }

    /** The IdP cannot be used for {@code retryIn}: 503 with that {@code Retry-After} (a second at least). */
    static ProblemException unavailable(Duration retryIn) {
        long seconds = Math.max(1, (retryIn.toMillis() + 999) / 1000);
        return new ProblemException(Problem.of(ProblemType.DEPENDENCY_UNAVAILABLE,
                "The identity provider did not answer; retry"), Map.of("Retry-After", String.valueOf(seconds)));
    }

    /**
     * Who signed in: the account's stable identity ({@code iss}, {@code sub}), the Connect username its claim
     * names, and the refresh token the IdP granted (when it grants one).
     */
    record SignedIn(String issuer, String subject, String username, Optional<String> refreshToken) {
        @Override
        public String toString() {
            return "SignedIn[username=" + username + "]";
        }
    }
}
