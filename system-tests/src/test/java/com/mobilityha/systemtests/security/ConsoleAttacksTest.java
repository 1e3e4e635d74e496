package com.mobilityha.systemtests.security;

import com.mobilityha.localstack.http.RawHttp;
import com.mobilityha.systemtests.app.Http;
import com.mobilityha.systemtests.console.ConsoleBrowser;
import com.mobilityha.systemtests.junit.OnLocalStack;
import com.mobilityha.systemtests.junit.StackKind;
import com.mobilityha.systemtests.stack.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A page on another site makes the signed-in administrator's browser act on the operations console
 * (CSRF), or frames the console (clickjacking). The administrator signs in in a real headless Chromium;
 * the forged requests carry their session cookie, as a browser would attach it.
 */
@OnLocalStack(StackKind.ONE_SITE)
class ConsoleAttacksTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ATTACKER_ORIGIN = "https://attacker.example";
    /** A message to a user nobody is: the action is carried out (202) and reaches no phone. */
    private static final Map<String, Object> MESSAGE = Map.of("audience", Map.of("type", "USERS",
            "usernames", List.of("nobody-here")), "kind", "MESSAGE", "message", "Please sign in again");
    private static ConsoleBrowser browser;
    private static String siteUrl;
    private static String console;

    @BeforeAll
    static void anAdministratorSignsIn(LocalStack stack) {
        ConsoleBrowser.assumeInstalled();
        siteUrl = stack.site("primary").url();
        console = siteUrl + "/admin/";
        browser = ConsoleBrowser.open(WAIT);
        browser.signIn(console, LocalStack.CONSOLE_ADMIN, LocalStack.PASSWORD);
        browser.awaitText("#who", "Acme Corp");
        browser.awaitText("#freshness", "Live"); // the page's script and its API calls run under its CSP
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void Attack_aCrossSitePostWithTheAdministratorsCookieIsA403Problem() {
        String action = console + "api/companies/" + LocalStack.COMPANY + "/notifications";
        Http http = new Http(WAIT);
        for (Map<String, String> forged : List.of(Map.of("Origin", ATTACKER_ORIGIN),
                Map.of("Referer", ATTACKER_ORIGIN + "/win-a-prize.html"), Map.<String, String>of())) {
            Http.Answer refused = http.send("POST", action, MESSAGE, with(forged, "Cookie", browser.sessionCookie()));
            assertEquals(403, refused.status(), forged + ": " + refused.summary());
            assertEquals("application/problem+json", refused.contentType());
            assertTrue(refused.json().path("type").asText().endsWith("/problems/forbidden"), refused.body());
        }
        Http.Answer fromTheConsole = http.send("POST", action, MESSAGE,
                Map.of("Origin", siteUrl, "Cookie", browser.sessionCookie()));
        assertEquals(202, fromTheConsole.status(), fromTheConsole.summary());
    }

    @Test
    void Attack_framingTheConsoleIsForbiddenByItsContentSecurityPolicy() {
        RawHttp.Answer page = RawHttp.from("127.0.0.1", WAIT).send("GET", console, Map.of("Cookie", browser.sessionCookie()),
                new byte[0], RawHttp.Framing.CONTENT_LENGTH);
        assertEquals(200, page.status(), page.body());
        String policy = page.header("Content-Security-Policy");
        assertTrue(policy != null && policy.contains("frame-ancestors 'none'") && policy.contains("default-src 'none'")
                && policy.contains("script-src 'self'"), String.valueOf(policy));
        browser.awaitText("#freshness", "Live");
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> all = new HashMap<>(headers);
        all.put(name, value);
        return all;
    }
}
