package com.mobilityha.login.sso;

import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.session.SessionAuthenticator;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.localstack.quarkustest.AdminRedis;
import com.mobilityha.localstack.quarkustest.RedisServerResource;
import com.mobilityha.localstack.quarkustest.ServiceCaller;
import com.mobilityha.localstack.session.TestSessions;
import com.mobilityha.login.testing.LoginTestSite;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static com.mobilityha.localstack.demo.DemoCompany.PROBLEMS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SSO login (authorization code + PKCE per Connect instance) against a real OIDC provider: the
 * test plays the app, opening the authorization URL like a browser and reading the redirect.
 */
@QuarkusTest
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(LoginTestSite.class)
class SsoLoginTest {
    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @AdminRedis
    RedisDataSource redis;

    @Inject
    RefreshTokenVault vault;

    @Inject
    SessionAuthenticator sessions;

    @Inject
    PendingLogins pendingLogins;

    @AfterEach
    void everyInstanceUp() {
        LoginTestSite.upInstance = "primary";
        LoginTestSite.deadInstance = null;
        LoginTestSite.identityProvider.refuseSignIns("globex-primary", false);
    }

    @Test
    void S3_anSsoLoginStartsAtTheIdpApplicationOfThePrimaryInstanceAndGivesASession() throws Exception {
        App app = new App();
        ValidatableResponse started = app.start(null).statusCode(201)
                .body("loginId", notNullValue()).body("expiresAt", notNullValue())
                .body("instance.role", equalTo("primary"))
                .body("authorizationUrl", startsWith(LoginTestSite.identityProvider.issuerUrl("globex-primary")));
        String url = started.extract().path("authorizationUrl");
        Map<String, String> query = query(URI.create(url));
        assertEquals("S256", query.get("code_challenge_method"));
        assertEquals(app.challenge, query.get("code_challenge"));
        assertEquals(LoginTestSite.REDIRECT_URI, query.get("redirect_uri"));
        assertNotNull(query.get("nonce"));

        Map<String, String> redirect = app.signIn(url, "grace", "globex-primary");
        app.complete(started.extract().path("loginId"), redirect).statusCode(201)
                .body("sessionToken", notNullValue()).body("session.status", equalTo("ACTIVE"));
        assertEquals(1, redis.key().keys(RedisKeys.idpRefreshToken("*")).size(),
                "the IdP refresh token is kept for the session");
        String stored = redis.value(String.class).get(RedisKeys.idpRefreshToken("s-1"));
        assertFalse(stored.contains("."), "kept encrypted, not as the IdP issued it");
    }

    @Test
    void B1_whenThePrimaryIsKnownDownTheLoginStartsOnTheSecondary() throws Exception {
        LoginTestSite.upInstance = "secondary";
        App app = new App();
        ValidatableResponse started = app.start(null).statusCode(201).body("instance.role", equalTo("secondary"))
                .body("authorizationUrl", startsWith(LoginTestSite.identityProvider.issuerUrl("globex-secondary")));
        Map<String, String> redirect = app.signIn(started.extract().path("authorizationUrl"), "heidi", "globex-secondary");
        app.complete(started.extract().path("loginId"), redirect).statusCode(201)
                .body("session.instance.role", equalTo("secondary"));
    }

    @Test
    void S4_thePrimaryDiedAfterTheSignInSoTheProblemOffersTheSecondary() throws Exception {
        App app = new App();
        ValidatableResponse started = app.start(null).statusCode(201).body("instance.role", equalTo("primary"));
        Map<String, String> redirect = app.signIn(started.extract().path("authorizationUrl"), "ivan", "globex-primary");
        LoginTestSite.deadInstance = "primary";

        ValidatableResponse refused = app.complete(started.extract().path("loginId"), redirect).statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "connect-instance-unavailable"))
                .body("retryWith.instance.role", equalTo("secondary"))
                .body("retryWith.loginId", not(equalTo(started.extract().path("loginId"))))
                .body("retryWith.authorizationUrl",
                        startsWith(LoginTestSite.identityProvider.issuerUrl("globex-secondary")));

        Map<String, String> second = app.signIn(refused.extract().path("retryWith.authorizationUrl"), "ivan",
                "globex-secondary");
        app.complete(refused.extract().path("retryWith.loginId"), second).statusCode(201)
                .body("session.instance.role", equalTo("secondary"));
    }

    @Test
    void S5_theIdpRefusesBeforeCredentialsAndTheAppRestartsOnTheSecondary() throws Exception {
        LoginTestSite.identityProvider.refuseSignIns("globex-primary", true);
        App app = new App();
        ValidatableResponse started = app.start(null).statusCode(201).body("instance.role", equalTo("primary"));
        Map<String, String> refused = app.open(started.extract().path("authorizationUrl"));
        assertEquals("temporarily_unavailable", refused.get("error"));

        App again = new App();
        ValidatableResponse restarted = again.start("secondary").statusCode(201)
                .body("instance.role", equalTo("secondary"));
        Map<String, String> redirect = again.signIn(restarted.extract().path("authorizationUrl"), "judy",
                "globex-secondary");
        again.complete(restarted.extract().path("loginId"), redirect).statusCode(201);
    }

    @Test
    void aLoginCompletesOnceAndOnlyWithItsOwnStateAndVerifier() throws Exception {
        App app = new App();
        ValidatableResponse started = app.start(null).statusCode(201);
        String loginId = started.extract().path("loginId");
        Map<String, String> redirect = app.signIn(started.extract().path("authorizationUrl"), "karl", "globex-primary");

        app.complete(loginId, Map.of("code", redirect.get("code"), "state", "forged-state"))
                .statusCode(400).body("type", equalTo(PROBLEMS + "invalid-authorization"));
        app.complete(loginId, redirect).statusCode(404).body("type", equalTo(PROBLEMS + "login-not-found"));

        App other = new App();
        ValidatableResponse second = other.start(null).statusCode(201);
        Map<String, String> secondRedirect = other.signIn(second.extract().path("authorizationUrl"), "karl",
                "globex-primary");
        app.complete(second.extract().path("loginId"), secondRedirect) // the wrong app's verifier
                .statusCode(400).body("type", equalTo(PROBLEMS + "invalid-authorization"));
        given().contentType(ContentType.JSON)
                .body("{\"code\":\"x\",\"state\":\"y\",\"codeVerifier\":\"" + "v".repeat(43) + "\"}")
                .post("/api/v1/logins/unknown-login/complete")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "login-not-found"));
    }

    @Test
    void logoutRevokesTheSessionsRefreshTokenAtItsIdp() {
        String token = TestSessions.create(redis, "globex", "lena", "connect-lena",
                new SessionRecord.InstanceRef("secondary", "g-2", "us-east-1"));
        String sessionId = sessions.authenticate("Bearer " + token).sessionId();
        vault.keep(sessionId, "a-refresh-token", Instant.now().plusSeconds(600));

        given().header(ServiceCaller.as("session-service")).header("Authorization", "Bearer " + token).post("/internal/v1/sso-revocations")
                .then().statusCode(204);

        assertEquals(Optional.empty(), vault.take(sessionId), "the refresh token is gone");
        given().header(ServiceCaller.as("session-service")).header("Authorization", "Bearer " + token).post("/internal/v1/sso-revocations")
                .then().statusCode(204); // nothing left to revoke: still fine
        given().header(ServiceCaller.as("session-service")).post("/internal/v1/sso-revocations").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void R5_anIdpAccountNamingAnotherUserIsRefusedBeforeConnectIsAsked() throws Exception {
        App olga = new App();
        ValidatableResponse first = olga.start(null).statusCode(201);
        olga.complete(first.extract().path("loginId"), olga.signIn(first.extract().path("authorizationUrl"),
                "account-olga", "olga", "globex-primary")).statusCode(201);

        App mallory = new App();
        ValidatableResponse renamed = mallory.start(null).statusCode(201);
        Map<String, String> asOlga = mallory.signIn(renamed.extract().path("authorizationUrl"), "account-mallory", "olga",
                "globex-primary"); // her preferred_username edited to olga's
        int agentLogins = LoginTestSite.AGENT_LOGINS.size();
        mallory.complete(renamed.extract().path("loginId"), asOlga).statusCode(403)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "sso-identity-changed"));
        assertEquals(agentLogins, LoginTestSite.AGENT_LOGINS.size(), "Connect was not asked");

        App olgaRenamed = new App();
        ValidatableResponse again = olgaRenamed.start(null).statusCode(201);
        Map<String, String> asTrent = olgaRenamed.signIn(again.extract().path("authorizationUrl"), "account-olga", "trent",
                "globex-primary"); // olga's own account, now claiming a user who never signed in
        olgaRenamed.complete(again.extract().path("loginId"), asTrent).statusCode(403)
                .body("type", equalTo(PROBLEMS + "sso-identity-changed"));

        App olgaAgain = new App();
        ValidatableResponse third = olgaAgain.start(null).statusCode(201);
        olgaAgain.complete(third.extract().path("loginId"), olgaAgain.signIn(third.extract().path("authorizationUrl"),
                "account-olga", "olga", "globex-primary")).statusCode(201);
    }

    @Test
    void aUserOfAnotherCompanyCannotCompleteThisCompanysLogin() throws Exception {
        App globex = new App();
        String globexLogin = globex.start(null).statusCode(201).extract().path("loginId");
        App umbrella = new App("umbrella", "com.umbrella.mobility:/sso");
        ValidatableResponse umbrellaLogin = umbrella.start(null).statusCode(201);
        Map<String, String> umbrellaSignIn = umbrella.signIn(umbrellaLogin.extract().path("authorizationUrl"), "mallory",
                "umbrella-primary");

        umbrella.complete(globexLogin, umbrellaSignIn).statusCode(400)
                .body("type", equalTo(PROBLEMS + "invalid-authorization"));
        ValidatableResponse secondGlobexLogin = globex.start(null).statusCode(201);
        String globexState = query(URI.create(secondGlobexLogin.extract().<String>path("authorizationUrl"))).get("state");
        globex.complete(secondGlobexLogin.extract().path("loginId"), Map.of("code", umbrellaSignIn.get("code"),
                        "state", globexState)) // its own state, but a code Umbrella's IdP issued
                .statusCode(400).body("type", equalTo(PROBLEMS + "invalid-authorization"));
    }

    @Test
    void anExpiredLoginCannotBeCompleted() throws InterruptedException {
        App app = new App();
        PendingLogin soon = new PendingLogin("expiring-login", LoginTestSite.SSO_COMPANY,
                new SessionRecord.InstanceRef("primary", "g-1", "us-east-1"), "state-1", "nonce-1", app.challenge, null,
                Instant.now().plusMillis(300));
        pendingLogins.save(soon);
        Thread.sleep(400);

        app.complete("expiring-login", Map.of("code", "any-code", "state", "state-1")).statusCode(404)
                .body("type", equalTo(PROBLEMS + "login-not-found"));
    }

    @Test
    void badSsoInputGetsItsProblem() {
        given().contentType(ContentType.JSON).body("{\"companyCode\":\"globex\"}").post("/api/v1/logins")
                .then().statusCode(400).body("errors.field", hasItem("codeChallenge"));
        given().contentType(ContentType.JSON)
                .body("{\"companyCode\":\"globex\",\"codeChallenge\":\"" + "a".repeat(43) + "\",\"codeChallengeMethod\":\"plain\"}")
                .post("/api/v1/logins")
                .then().statusCode(400).body("errors.field", hasItem("codeChallengeMethod"));
        given().contentType(ContentType.JSON)
                .body("{\"companyCode\":\"globex\",\"codeChallenge\":\"" + "a".repeat(43) + "\",\"instanceRole\":\"third\"}")
                .post("/api/v1/logins")
                .then().statusCode(400).body("errors.field", hasItem("instanceRole"));
        given().contentType(ContentType.JSON).body("{\"code\":\"x\"}").post("/api/v1/logins/abc/complete")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("codeVerifier"));
    }

    /** The app side: its PKCE pair, and a browser that follows the IdP until it redirects to the app. */
    private static final class App {
        private final String company;
        private final String redirectUri;
        private final String verifier;
        private final String challenge;

        App() {
            this(LoginTestSite.SSO_COMPANY, LoginTestSite.REDIRECT_URI);
        }

        App(String company, String redirectUri) {
            this.company = company;
            this.redirectUri = redirectUri;
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            challenge = Pkce.challenge(verifier);
        }

        ValidatableResponse start(String instanceRole) {
            String role = instanceRole == null ? "" : ",\"instanceRole\":\"" + instanceRole + "\"";
            return given().contentType(ContentType.JSON)
                    .body("{\"companyCode\":\"" + company + "\",\"codeChallenge\":\"" + challenge
                            + "\",\"codeChallengeMethod\":\"S256\"" + role + "}")
                    .post("/api/v1/logins").then();
        }

        /** The user signs in as {@code username}: the query of the redirect back to the app. */
        Map<String, String> signIn(String authorizationUrl, String username, String issuer) throws Exception {
            return signIn(authorizationUrl, username, username, issuer);
        }

        /** Signs in with the IdP account {@code subject}, whose username claim is {@code username}. */
        Map<String, String> signIn(String authorizationUrl, String subject, String username, String issuer) throws Exception {
            LoginTestSite.identityProvider.signInNext(issuer, subject, username);
            Map<String, String> redirect = open(authorizationUrl);
            assertTrue(redirect.containsKey("code"), "signed in: " + redirect);
            return redirect;
        }

        /** Opens the URL like a browser: the query of the redirect back to the app. */
        Map<String, String> open(String url) throws IOException, InterruptedException {
            HttpResponse<String> response = BROWSER.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            String location = response.headers().firstValue("Location").orElseThrow(() ->
                    new AssertionError("no redirect: " + response.statusCode() + " " + response.body()));
            assertTrue(location.startsWith(redirectUri), location);
            return query(URI.create(location));
        }

        ValidatableResponse complete(String loginId, Map<String, String> redirect) {
            return given().contentType(ContentType.JSON)
                    .body(Map.of("code", redirect.get("code"), "state", redirect.get("state"), "codeVerifier", verifier))
                    .post("/api/v1/logins/" + loginId + "/complete").then();
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> query = new java.util.HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return query;
    }
}
