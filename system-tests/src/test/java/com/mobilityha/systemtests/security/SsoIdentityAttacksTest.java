package com.mobilityha.systemtests.security;

import com.mobilityha.systemtests.app.AppClient;
import com.mobilityha.systemtests.app.Http.Answer;
import com.mobilityha.systemtests.app.SsoBrowser;
import com.mobilityha.systemtests.junit.OnLocalStack;
import com.mobilityha.systemtests.junit.StackKind;
import com.mobilityha.systemtests.stack.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * R5, an attacker at the company's IdP: an account whose editable username claim ({@code preferred_username})
 * is set to a colleague's Connect username tries to sign in as that colleague through SSO.
 */
@OnLocalStack(StackKind.ONE_SITE)
class SsoIdentityAttacksTest {
    private static LocalStack stack;

    @BeforeAll
    static void onSite(LocalStack started) {
        stack = started;
    }

    @Test
    void Attack_renameAnIdpAccountToAColleaguesUsernameAndSignInAsThem() {
        assertEquals(201, ssoLogin("dave", "dave").status(), "dave signs in with his own account");

        Answer asDave = ssoLogin("account-mallory", "dave");
        assertEquals(403, asDave.status(), asDave.body());
        assertTrue(asDave.contentType().startsWith("application/problem+json"));
        assertEquals("https://mobility-ha.example/problems/sso-identity-changed", asDave.json().path("type").asText());

        assertEquals(201, ssoLogin("dave", "dave").status(), "dave still signs in");
    }

    /** An SSO login through the site whose IdP sign-in is by account {@code subject} naming {@code username}. */
    private static Answer ssoLogin(String subject, String username) {
        AppClient app = stack.newApp();
        SsoBrowser browser = new SsoBrowser();
        Answer started = app.ssoStart(LocalStack.SSO_COMPANY, browser, null);
        assertEquals(201, started.status(), started.body());
        String role = started.json().at("/instance/role").asText();
        stack.idp().signInNext(LocalStack.SSO_COMPANY + "-" + role, subject, username);
        return app.ssoComplete(started.json().get("loginId").asText(),
                browser.open(started.json().get("authorizationUrl").asText()), browser);
    }
}
