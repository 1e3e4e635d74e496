package com.mobilityha.systemtests.console;

import com.mobilityha.localstack.demo.DemoCompany;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.systemtests.app.Http;
import com.mobilityha.systemtests.drill.Phone;
import com.mobilityha.systemtests.junit.OnLocalStack;
import com.mobilityha.systemtests.junit.StackKind;
import com.mobilityha.systemtests.stack.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operations console end to end, in a real headless Chromium, on the demo's two-site stack:
 * an administrator signs in through the IdP (authorization code + PKCE), watches a Connect
 * instance failover appear, sends a notification and sees its delivery report, fails back, sees an
 * agent whose phone fell silent listed as unreachable (B8) until they are Available again, and
 * finds each action in the audit log; a user without the role and another company's administrator
 * are refused with 403 problems. Screenshots: {@code target/console-screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@OnLocalStack(value = StackKind.TWO_SITES, disrupts = true)
class OperationsConsoleTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static LocalStack stack;
    private static ConsoleBrowser browser;
    private static String console;

    @BeforeAll
    static void openBrowser(LocalStack started) {
        ConsoleBrowser.assumeInstalled();
        stack = started;
        console = stack.site("primary").url() + "/admin/";
        browser = ConsoleBrowser.open(WAIT);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void withoutSigningInThePageGoesToTheIdpAndTheApiAnswersA401Problem() {
        Http.Answer page = new Http(WAIT).send("GET", console, null, Map.of());
        assertEquals(302, page.status(), page.summary());
        Http.Answer api = new Http(WAIT).send("GET", console + "api/companies/acme/overview", null, Map.of());
        assertEquals(401, api.status(), api.summary());
        assertEquals("application/problem+json", api.contentType());
    }

    @Test
    @Order(2)
    void anAdministratorSignsInAndSeesBothSitesAndBothInstancesLive() {
        browser.signIn(console, LocalStack.CONSOLE_ADMIN, LocalStack.PASSWORD);
        browser.awaitText("#who", "Acme Corp");
        assertTrue(browser.awaitRow("sites", "primary").contains("ALIVE"), browser.text("#sites"));
        assertTrue(browser.awaitRow("sites", "secondary").contains("ALIVE"), browser.text("#sites"));
        browser.awaitText("#instances tbody", "UP");
        browser.awaitText("#freshness", "Live");
        browser.screenshot("01-signed-in");
    }

    @Test
    @Order(3)
    void everyControlIsLabelledEveryTableCaptionedAndThePageFitsAPhone() {
        assertEquals(List.of(), browser.script("""
                return [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
                    .filter(e => e.tagName === 'BUTTON' ? !e.textContent.trim()
                                                       : e.labels.length === 0 && !e.getAttribute('aria-label'))
                    .map(e => e.id || e.name || e.tagName);"""), "controls without a label");
        assertEquals(List.of(), browser.script("""
                return [...document.querySelectorAll('table')].filter(t => !t.caption
                    || [...t.tHead.rows[0].cells].some(c => c.scope !== 'col')).map(t => t.id);"""),
                "tables without a caption or column headers");
        browser.resize(390, 844);
        try {
            browser.awaitText("#freshness", "Live");
            assertEquals(List.of(), browser.script("""
                    const width = document.documentElement.clientWidth;
                    return [...document.querySelectorAll('body *')]
                        .filter(e => !e.closest('.scroll') && e.getBoundingClientRect().right > width + 1)
                        .map(e => (e.id || e.tagName) + ' ' + Math.round(e.getBoundingClientRect().right) + '>' + width);"""),
                    "nothing sticks out sideways on a phone (wide tables scroll inside their card)");
            browser.screenshot("01b-on-a-phone");
        } finally {
            browser.resize(1280, 1400);
        }
    }

    @Test
    @Order(4)
    void aConnectInstanceKilledInTheSimulatorAppearsAsAFailoverWithItsTimings() {
        Phone alice = agentSignedInWithPushes("alice");
        browser.awaitText("#instances tbody tr:first-child", "primary");
        browser.awaitCell("#instances tbody tr:first-child td:nth-child(4)", "1");

        stack.faultInstance(LocalStack.PRIMARY_INSTANCE, "RESET");

        String failover = browser.awaitRow("failovers", "Instance primary DOWN");
        assertTrue(failover.matches("(?s).*\\d+\\.\\d\\d s.*"), "detection and handling times shown: " + failover);
        browser.awaitText("#instances tbody tr:first-child", "DOWN");
        browser.awaitCell("#instances tbody tr:first-child td:nth-child(5)", "1"); // RELOGIN_REQUIRED
        assertTrue(alice.awaitPush("RELOGIN", WAIT), "the agent got her RELOGIN push");
        browser.awaitText("#failovers tbody", "1 of 1 devices");
        browser.awaitRow("notifications", "RELOGIN");
        browser.awaitText("#failovers tbody", "wave: 0 back, 1 waiting");
        browser.screenshot("02-instance-failover");
        assertEquals("secondary", alice.signIn(LocalStack.COMPANY).at("/instance/role").asText());
        browser.awaitText("#failovers tbody", "wave: 1 back, 0 waiting");
        alice.app().logout();
        stack.faultInstance(LocalStack.PRIMARY_INSTANCE, "HEALTHY");
        browser.awaitRow("failovers", "Instance primary UP again");
    }

    @Test
    @Order(5)
    void anAdministratorSendsANotificationAfterConfirmingAndSeesItsDeliveryReport() {
        Phone bob = agentSignedInWithPushes("bob");
        browser.choose("audience", "USERS");
        browser.type("usernames", "bob");
        browser.choose("kind", "MESSAGE");
        browser.type("message", "Team briefing at 15:00 in room 4");
        browser.script("window.sentKeys = []; const send = window.fetch; window.fetch = (url, options) => {"
                + " if (options && options.method === 'POST') window.sentKeys.push(options.headers['Idempotency-Key']);"
                + " return send(url, options); };");
        browser.click("#notify button[type=submit]");
        assertEquals("Send MESSAGE to users bob: \"Team briefing at 15:00 in room 4\"?", browser.confirmation());
        assertEquals(Boolean.TRUE, browser.script("return document.activeElement.closest('dialog') !== null;"),
                "the keyboard focus is in the confirmation dialog");
        browser.click("#confirm-ok");
        browser.awaitText("#notify-result", "Queued as notification");
        assertTrue(String.valueOf(browser.script("return window.sentKeys.join(',');"))
                .matches("[0-9a-f-]{36}"), "the page sent its action once, with an Idempotency-Key");

        assertTrue(bob.awaitPush("MESSAGE", WAIT), "bob's phone shows the message");
        String report = browser.awaitRow("notifications", "Team briefing");
        assertTrue(report.contains(LocalStack.CONSOLE_ADMIN), "sent by the administrator: " + report);
        browser.awaitCell("#notifications tbody tr:first-child td:nth-child(7)", "1"); // sent to bob's one device
        String audit = browser.awaitRow("audit", "NOTIFICATION_SENT");
        assertTrue(audit.contains(LocalStack.CONSOLE_ADMIN) && audit.contains("users bob"), audit);
        browser.screenshot("03-notification-report");
    }

    @Test
    @Order(6)
    void aFailBackIsConfirmedAndAudited() {
        browser.click("#failback input[value=now]");
        browser.click("#failback button[type=submit]");
        assertTrue(browser.confirmation().contains("now, even during a call"), "the dialog says what will happen");
        browser.click("#confirm-ok");
        browser.awaitText("#failback-result", "started");
        String audit = browser.awaitRow("audit", "FAILBACK_STARTED");
        assertTrue(audit.contains(LocalStack.CONSOLE_ADMIN) && audit.contains("all agents now"), audit);
        browser.screenshot("04-failback-audited");

        browser.click("#audit-more");
        browser.awaitScript("return performance.getEntriesByType('resource')"
                + ".some(e => e.name.includes('/audit?limit=200'));");
        assertEquals(Boolean.FALSE, browser.script("return document.getElementById('audit-more').checkVisibility();"));
        browser.awaitRow("audit", "FAILBACK_STARTED");
        browser.awaitRow("audit", "NOTIFICATION_SENT");
    }

    @Test
    @Order(7)
    void anAgentWhosePhoneFellSilentIsListedAsUnreachableUntilTheyChooseAvailableAgain() {
        // bob, whose app acknowledged his MESSAGE (so his phone is watched) and fell silent, may be listed already
        Phone phone = agentSignedInWithPushes("agent0110");
        phone.runApp();
        Duration checkInEvery = Duration.parse("PT" + LocalStack.REACHABILITY.get("check-in-every"));
        assertTrue(Poll.until(() -> phone.app().checkInEvery().equals(checkInEvery), WAIT), "the app checked in");
        phone.suspendApp();
        String row = browser.awaitRow("unreachable", "agent0110");
        assertTrue(row.contains(DemoCompany.UNREACHABLE_STATUS) && row.contains("check-in") && row.endsWith("no"),
                "the status set, the phone last seen at its check-in, not back: " + row);
        browser.awaitText("#unreachable-count", "agent(s) made non-routable because their phone fell silent");
        browser.screenshot("04b-unreachable-agent");
        phone.resumeApp();
        browser.awaitText("#unreachable tbody", "yes, offered Available");
        phone.app().goAvailable();
        browser.awaitScript("return !document.querySelector('#unreachable').textContent.includes('agent0110');");
        phone.suspendApp();
        phone.app().logout();
    }

    @Test
    @Order(8)
    void badInputToTheConsoleApiGetsProblemsNeverA5xx() {
        Map<String, String> asAdmin = Map.of("Cookie", browser.sessionCookie(), "Origin", stack.site("primary").url());
        String notifications = console + "api/companies/acme/notifications";
        Http http = new Http(WAIT);
        assertProblem(415, http.sendRaw("POST", notifications, "hello", with(asAdmin, "Content-Type", "text/plain")));
        assertProblem(400, http.sendRaw("POST", notifications, "[1,2]", with(asAdmin, "Content-Type", "application/json")));
        assertProblem(400, http.sendRaw("POST", notifications, "{\"audience\":{\"type\":\"COMPANY\"},\"kind\":\"SHOUT\"}",
                with(asAdmin, "Content-Type", "application/json")));
        assertProblem(400, http.sendRaw("POST", notifications, "{\"audience\":{\"type\":\"COMPANY\"},\"kind\":\"MESSAGE\"}",
                with(asAdmin, "Content-Type", "application/json")));
        assertProblem(400, http.send("GET", console + "api/companies/acme/audit?limit=0", null, asAdmin));
        assertProblem(400, http.send("GET", console + "api/companies/acme/audit?limit=many", null, asAdmin));
        assertProblem(403, http.send("GET", console + "api/companies/globex/overview", null, asAdmin));
    }

    @Test
    @Order(9)
    void aConsoleActionRetriedWithItsIdempotencyKeyIsCarriedOutOnce() {
        Map<String, String> asAdmin = Map.of("Cookie", browser.sessionCookie(), "Origin", stack.site("primary").url(),
                "Idempotency-Key", UUID.randomUUID().toString());
        String message = "Asked twice, sent once " + UUID.randomUUID();
        Map<String, Object> notification = Map.of("audience", Map.of("type", "USERS", "usernames", List.of("bob")),
                "kind", "MESSAGE", "message", message);
        Http http = new Http(WAIT);
        Http.Answer first = http.send("POST", console + "api/companies/acme/notifications", notification, asAdmin);
        Http.Answer retry = http.send("POST", console + "api/companies/acme/notifications", notification, asAdmin);
        assertEquals(202, first.status(), first.summary());
        assertEquals(202, retry.status(), retry.summary());
        assertEquals(first.json().path("notificationId"), retry.json().path("notificationId"), "the retry answers the first");
        Http.Answer audit = http.send("GET", console + "api/companies/acme/audit?limit=200", null, asAdmin);
        String notificationId = first.json().path("notificationId").asText();
        long audited = StreamSupport.stream(audit.json().spliterator(), false)
                .filter(entry -> entry.path("ref").asText().equals(notificationId)).count();
        assertEquals(1, audited, "audited once: " + audit.body());
    }

    @Test
    @Order(10)
    void aUserWithoutTheRoleIsRefusedWithA403Problem() {
        browser.signIn(console, LocalStack.CONSOLE_NO_ROLE, LocalStack.PASSWORD);
        browser.awaitText("#refusal", "mobility-admin is required");
        browser.screenshot("05-refused-without-role");
        assertTheBrowserGetsA403Problem("api/companies/acme/overview", "/problems/forbidden");
    }

    @Test
    @Order(11)
    void anotherCompanysAdministratorSeesOnlyTheirCompanyAndIsRefusedAcme() {
        browser.signIn(console, LocalStack.CONSOLE_OTHER_COMPANY, LocalStack.PASSWORD);
        browser.awaitText("#who", "Globex");
        browser.awaitText("#freshness", "Live");
        browser.go(console + "?company=acme");
        browser.awaitText("#refusal", "own company only");
        browser.screenshot("06-refused-other-company");
        assertTheBrowserGetsA403Problem("api/companies/acme/overview", "own company only");
    }

    @Test
    @Order(12)
    void whenItsSiteDiesThePageLinksTheOtherSitesConsoleWhichShowsTheTakeover() {
        browser.signIn(console, LocalStack.CONSOLE_ADMIN, LocalStack.PASSWORD);
        browser.awaitText("#freshness", "Live");
        Phone carol = agentSignedInWithPushes("carol");
        browser.awaitCell("#sites tbody tr:first-child td:nth-child(4)", "1");

        stack.site("primary").kill();

        browser.awaitText("#banner", "Open the console of site secondary");
        browser.screenshot("07-site-unreachable");
        browser.click("#banner a");
        browser.signInIfAsked(LocalStack.CONSOLE_ADMIN, LocalStack.PASSWORD);
        browser.awaitText("#freshness", "by site secondary");
        String takeover = browser.awaitRow("failovers", "Site primary silent: sessions taken over by secondary");
        assertTrue(takeover.matches("(?s).*\\d+\\.\\d\\d s.*"), "with its detection time: " + takeover);
        assertTrue(browser.awaitRow("sites", "primary").contains("TAKEN OVER"), browser.text("#sites"));
        assertTrue(carol.awaitPush("WAKE", WAIT), "carol's phone was woken");
        browser.awaitText("#failovers tbody", "1 of 1 devices");
        browser.screenshot("08-takeover-on-the-other-site");
    }

    @Test
    @Order(13)
    void signingOutEndsTheConsoleSession() {
        String secondaryConsole = stack.site("secondary").url() + "/admin/";
        browser.click("a.signout");
        browser.awaitText("h1", "You are signed out");
        browser.go(secondaryConsole + "api/me");
        assertTrue(browser.pageText().contains("\"status\":401"), browser.pageText());
    }

    /** An agent's iPhone signed in to acme, receiving pushes. */
    private static Phone agentSignedInWithPushes(String agent) {
        Phone phone = Phone.iPhone(stack, agent, WAIT);
        phone.signIn(LocalStack.COMPANY);
        phone.registerForPushes();
        return phone;
    }

    /** Opens a console API URL in the browser, which shows the problem document as is. */
    private static void assertTheBrowserGetsA403Problem(String path, String expected) {
        browser.go(console + path);
        String problem = browser.pageText();
        assertTrue(problem.contains("\"status\":403") && problem.contains(expected), problem);
    }

    private static void assertProblem(int status, Http.Answer answer) {
        assertEquals(status, answer.status(), answer.summary());
        assertEquals("application/problem+json", answer.contentType(), answer.summary());
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put(name, value);
        return all;
    }
}
