package com.mobilityha.systemtests.session;

import com.mobilityha.localstack.demo.DemoCompany;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.systemtests.app.AppClient;
import com.mobilityha.systemtests.app.Http;
import com.mobilityha.systemtests.junit.OnLocalStack;
import com.mobilityha.systemtests.junit.StackKind;
import com.mobilityha.systemtests.stack.LocalStack;
import com.mobilityha.systemtests.stack.Site;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every service answers authentication from its own cache of sessions while Redis tracks it for them; a
 * logout on one site must still be refused by the other site's services within a second (over real
 * processes: two sites on one Redis data set with Sentinels).
 */
@OnLocalStack(StackKind.TWO_SITES)
class LogoutOnEverySiteTest {
    private static final Duration REFUSED_WITHIN = Duration.ofSeconds(1);
    private static final Pattern CACHE_HITS =
            Pattern.compile("mobility_session_cache_reads_total\\{[^}]*outcome=\"hit\"[^}]*} ([0-9.eE+]+)");
    private static final Http HTTP = new Http(Duration.ofSeconds(10));

    private static LocalStack stack;

    @BeforeAll
    static void onBothSites(LocalStack started) {
        stack = started;
    }

    @Test
    void aLogoutOnOneSiteIsRefusedByTheOtherSitesServicesWithinASecondThoughTheyAnswerFromTheirCaches() {
        AppClient phone = stack.newApp();
        assertEquals(201, phone.login(LocalStack.COMPANY, DemoCompany.generatedAgent(977), LocalStack.PASSWORD).status());
        Site other = stack.site("secondary");
        String session = other.serviceUrl("session-service") + "/api/v1/session";
        String statuses = other.serviceUrl("connect-gateway") + "/api/v1/agent/statuses";
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + phone.sessionToken());

        for (String module : new String[] {"session-service", "connect-gateway"}) {
            String url = module.equals("session-service") ? session : statuses;
            double before = cacheHits(other, module);
            Poll.require(() -> HTTP.send("GET", url, null, bearer).status() == 200 && cacheHits(other, module) > before,
                    "the other site's " + module + " answers the session from its cache", Duration.ofSeconds(20));
        }

        assertTrue(phone.logout().ok(), "logged out on the primary site");
        long loggedOut = System.nanoTime();
        Poll.require(() -> HTTP.send("GET", session, null, bearer).status() == 401, "the other site refuses the token",
                Duration.ofSeconds(10));
        System.out.printf("the other site's session-service refused the logged-out token after %d ms%n",
                Duration.ofNanos(System.nanoTime() - loggedOut).toMillis());
        Poll.sleep(Math.max(0, Duration.ofNanos(loggedOut + REFUSED_WITHIN.toNanos() - System.nanoTime()).toMillis()));
        assertEquals(401, HTTP.send("GET", session, null, bearer).status(), "session-service, a second after the logout");
        assertEquals(401, HTTP.send("GET", statuses, null, bearer).status(), "connect-gateway, a second after the logout");
    }

    private static double cacheHits(Site site, String module) {
        Matcher hits = CACHE_HITS.matcher(HTTP.send("GET", site.service(module).managementUrl() + "/q/metrics", null,
                Map.of()).body());
        double total = 0;
        while (hits.find()) {
            total += Double.parseDouble(hits.group(1));
        }
        return total;
    }
}
