package com.mobilityha.systemtests.console;

import com.mobilityha.systemtests.junit.OnLocalStack;
import com.mobilityha.systemtests.junit.StackKind;
import com.mobilityha.systemtests.stack.KeycloakServer;
import com.mobilityha.systemtests.stack.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operations console with a production-grade IdP: a real Keycloak realm whose console client
 * maps group membership to {@code groups}, says {@code company} and adds the {@code mobility-ha}
 * audience. The administrator signs in on Keycloak's own page in headless Chromium, and the access
 * token the console forwards is accepted by the notifier, which audits the action in her name.
 */
@OnLocalStack(StackKind.ONE_SITE_WITH_KEYCLOAK)
class ConsoleWithKeycloakTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static LocalStack stack;
    private static ConsoleBrowser browser;

    @BeforeAll
    static void openBrowser(LocalStack started) {
        ConsoleBrowser.assumeInstalled();
        stack = started;
        browser = ConsoleBrowser.open(WAIT);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anAdministratorSignsInAtKeycloakAndHerActionIsCarriedOutAndAuditedInHerName() {
        browser.signIn(stack.siteUrl() + "/admin/", KeycloakServer.CONSOLE_ADMIN, KeycloakServer.CONSOLE_ADMIN_PASSWORD);
        browser.awaitText("#who", KeycloakServer.CONSOLE_ADMIN + " · Globex");
        browser.awaitText("#freshness", "Live");

        browser.choose("kind", "MESSAGE");
        browser.type("message", "Quarterly review at 10:00");
        browser.click("#notify button[type=submit]");
        assertTrue(browser.confirmation().startsWith("Send MESSAGE to everyone signed in at Globex"));
        browser.click("#confirm-ok");
        browser.awaitText("#notify-result", "Queued as notification");

        String audit = browser.awaitRow("audit", "NOTIFICATION_SENT");
        assertTrue(audit.contains(KeycloakServer.CONSOLE_ADMIN), "audited in her name: " + audit);
        String report = browser.awaitRow("notifications", "Quarterly review");
        assertTrue(report.contains(KeycloakServer.CONSOLE_ADMIN), "sent in her name: " + report);
        browser.screenshot("09-signed-in-at-keycloak");
    }
}
