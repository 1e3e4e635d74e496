package com.mobilityha.systemtests.site;

import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.systemtests.app.Http.Answer;
import com.mobilityha.systemtests.stack.SessionSites;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Site failover over real processes: the two sites' session-services on Redis with Sentinels.
 * One story in order: the primary site is killed (S6, S10), comes back (S7), then the secondary
 * freezes (SIGSTOP) and thaws while taken over (no second owner, no fail-back).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SiteFailoverTest {
    private static final int AGENTS = 20;
    private static SessionSites sites;
    private static final List<String> tokens = new ArrayList<>();

    @BeforeAll
    static void bothSites() {
        sites = SessionSites.start(line -> System.out.println("started " + line));
        for (int i = 0; i < AGENTS; i++) {
            Answer created = sites.createSession("primary", "agent" + i);
            assertEquals(201, created.status(), created.body());
            tokens.add(created.json().get("sessionToken").asText());
        }
        await(() -> sites.activeServer("secondary", tokens.get(0)).json().path("site").asText().equals("primary"),
                "both sites beating");
    }

    @AfterAll
    static void stop() {
        if (sites != null) {
            sites.close();
        }
    }

    @Test
    @Order(1)
    void S6_S10_aKilledSitesAgentsAreWokenAndServedByTheSurvivorWithoutSigningInAgain() {
        long killed = System.nanoTime();
        sites.site("primary").kill();
        await(() -> sites.queuedPushes() == AGENTS, "a WAKE push queued for each of the dead site's agents");
        long wokenMillis = (System.nanoTime() - killed) / 1_000_000;
        System.out.printf("site primary killed -> %d WAKE pushes queued after %d ms%n", AGENTS, wokenMillis);
        for (String token : tokens) { // the WAKEs go out before the sessions move: where to go is known already
            Answer session = sites.session("secondary", token);
            assertEquals(200, session.status(), "the same token works on the survivor: no new login");
            assertEquals("ACTIVE", session.json().path("status").asText());
            assertEquals("secondary", sites.activeServer("secondary", token).json().path("site").asText());
        }
        await(() -> tokens.stream().allMatch(token -> sites.session("secondary", token).json().path("site").asText()
                .equals("secondary")), "every session re-homed to the survivor");
        assertTrue(sites.takeoverOf("primary").startsWith("secondary:"), sites.takeoverOf("primary"));
    }

    @Test
    @Order(2)
    void S7_theRestartedSiteGetsNewLoginsAgainButNotItsOldSessions() {
        sites.startSite("primary");
        await(() -> sites.takeoverOf("primary").isEmpty(), "the returning site clears its takeover record");
        assertEquals("primary", sites.loginServer("secondary").json().path("site").asText(), "new logins start at primary");
        assertEquals("secondary", sites.activeServer("primary", tokens.get(0)).json().path("site").asText(),
                "re-homed sessions stay on the survivor");
        assertEquals("secondary", sites.session("primary", tokens.get(0)).json().path("site").asText());
        assertEquals(AGENTS, sites.queuedPushes(), "no fail-back: nobody woken again");
    }

    @Test
    @Order(3)
    void S6_aFrozenSiteIsTakenOverOnceAndStaysTakenOverWhenItThaws() {
        sites.site("secondary").freeze();
        try {
            await(() -> sites.queuedPushes() == 2L * AGENTS, "the frozen site's agents woken by primary");
            String takeover = sites.takeoverOf("secondary");
            assertTrue(takeover.startsWith("primary:"), takeover);
            // the WAKEs go out before the sessions move, and a site that beats again stops a move under way: thawed
            // only once the takeover is done, as the drill means it
            await(() -> "0".equals(sites.redis().onMaster("SCARD", RedisKeys.siteSessions("secondary")).trim()),
                    "every session of the frozen site re-homed to primary");
        } finally {
            sites.site("secondary").thaw();
        }
        await(() -> sites.takeoverOf("secondary").isEmpty(), "the thawed site beats again");
        sleep(3_000);
        assertEquals(2L * AGENTS, sites.queuedPushes(), "the thawed site claims nothing back: one owner per failover");
        for (String token : tokens) {
            assertEquals("primary", sites.session("secondary", token).json().path("site").asText());
        }
        assertEquals("0", sites.redis().onMaster("SCARD", RedisKeys.siteSessions("secondary")).trim(),
                "no session is in two sites' indexes");
    }

    /** Waits for the condition; a site not answering yet counts as "not yet". */
    private static void await(BooleanSupplier condition, String what) {
        Poll.require(() -> {
            try {
                return condition.getAsBoolean();
            } catch (RuntimeException notAnsweringYet) {
                return false;
            }
        }, what, Duration.ofSeconds(20));
    }

    private static void sleep(long millis) {
        Poll.sleep(millis);
    }
}
