package com.mobilityha.systemtests.sso;

import com.mobilityha.systemtests.app.AppClient;
import com.mobilityha.systemtests.app.Http;
import com.mobilityha.systemtests.app.Http.Answer;
import com.mobilityha.systemtests.app.KeycloakSignIn;
import com.mobilityha.systemtests.app.SsoBrowser;
import com.mobilityha.systemtests.junit.OnLocalStack;
import com.mobilityha.systemtests.junit.StackKind;
import com.mobilityha.systemtests.stack.KeycloakServer;
import com.mobilityha.systemtests.stack.LocalStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SSO against a real Keycloak (realm import; each user has a password and a TOTP authenticator) and
 * the real services over processes: what the agent goes through is counted as sign-ins at the IdP,
 * each one a password and a one-time code.
 */
@OnLocalStack(StackKind.ONE_SITE_WITH_KEYCLOAK)
class KeycloakSsoTest {
    private static LocalStack stack;

    @BeforeAll
    static void onSite(LocalStack started) {
        stack = started;
    }

    @AfterEach
    void primaryInstanceBack() {
        stack.faultInstance(LocalStack.PRIMARY_INSTANCE, "HEALTHY");
        assertTrue(stack.awaitInstanceState(LocalStack.PRIMARY_INSTANCE, "UP", Duration.ofSeconds(20)));
    }

    @Test
    void anSsoLoginWithPasswordAndOneTimeCodeGivesASessionAndLogoutEndsIt() {
        KeycloakSignIn agent = KeycloakServer.user("agent0902");
        AppClient app = stack.newApp();
        SsoBrowser pkce = new SsoBrowser();

        Answer started = start(app, pkce, "primary");
        Map<String, String> redirect = agent.signIn(started.json().get("authorizationUrl").asText());
        Answer session = app.ssoComplete(started.json().get("loginId").asText(), redirect, pkce);

        assertEquals(201, session.status(), session.body());
        assertEquals("agent0902", session.json().at("/session/user/username").asText());
        assertEquals(1, agent.signIns());
        assertEquals("Available", stack.agentOnSimulator(LocalStack.PRIMARY_INSTANCE, "agent0902").json().path("status").asText());

        assertEquals(204, app.logout().status());
        assertEquals("Offline", stack.agentOnSimulator(LocalStack.PRIMARY_INSTANCE, "agent0902").json().path("status").asText());
        assertEquals(401, app.session().status());
        String metrics = new Http(Duration.ofSeconds(5)).send("GET",
                stack.services().get("login-service").managementUrl() + "/q/metrics", null, Map.of()).body();
        assertTrue(metrics.contains("mobility_sso_revocations_total{outcome=\"revoked\"} 1.0"),
                "Keycloak revoked the refresh token at logout");
    }

    @Test
    void S4_thePrimaryDiesAfterTheSignInAndDaveSignsInAgainWithMfaOnTheSecondary() {
        KeycloakSignIn dave = KeycloakServer.user("dave");
        AppClient app = stack.newApp();
        SsoBrowser pkce = new SsoBrowser();
        Answer started = start(app, pkce, "primary");
        Map<String, String> redirect = dave.signIn(started.json().get("authorizationUrl").asText());

        stack.faultInstance(LocalStack.PRIMARY_INSTANCE, "RESET");
        Answer refused = app.ssoComplete(started.json().get("loginId").asText(), redirect, pkce);

        assertEquals(503, refused.status(), refused.body());
        assertTrue(refused.json().get("type").asText().endsWith("/connect-instance-unavailable"));
        assertEquals("secondary", refused.json().at("/retryWith/instance/role").asText());
        // the app asks "OK?" and opens the secondary instance's sign-in: credentials and MFA again
        Map<String, String> second = dave.signIn(refused.json().at("/retryWith/authorizationUrl").asText());
        Answer session = app.ssoComplete(refused.json().at("/retryWith/loginId").asText(), second, pkce);

        assertEquals(201, session.status(), session.body());
        assertEquals("secondary", session.json().at("/session/instance/role").asText());
        assertEquals(2, dave.signIns(), "S4 without B1's knowledge: the user signs in twice");
    }

    @Test
    void B1_thePrimaryIsKnownDownSoTheLoginStartsOnTheSecondaryAndOneSignInSuffices() {
        stack.faultInstance(LocalStack.PRIMARY_INSTANCE, "RESET");
        assertTrue(stack.awaitInstanceState(LocalStack.PRIMARY_INSTANCE, "DOWN", Duration.ofSeconds(20)));
        KeycloakSignIn agent = KeycloakServer.user("agent0901");
        AppClient app = stack.newApp();
        SsoBrowser pkce = new SsoBrowser();

        Answer started = start(app, pkce, "secondary");
        Map<String, String> redirect = agent.signIn(started.json().get("authorizationUrl").asText());
        Answer session = app.ssoComplete(started.json().get("loginId").asText(), redirect, pkce);

        assertEquals(201, session.status(), session.body());
        assertEquals("secondary", session.json().at("/session/instance/role").asText());
        assertEquals(1, agent.signIns(), "B1: one sign-in");
    }

    /** Starts a Globex login with this PKCE pair; it must send the user to the instance of {@code role}. */
    private static Answer start(AppClient app, SsoBrowser pkce, String role) {
        Answer started = app.ssoStart(LocalStack.SSO_COMPANY, pkce, null);
        assertEquals(201, started.status(), started.body());
        assertEquals(role, started.json().at("/instance/role").asText());
        return started;
    }
}
