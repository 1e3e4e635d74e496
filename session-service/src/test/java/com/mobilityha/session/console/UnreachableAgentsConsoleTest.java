package com.mobilityha.session.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityha.common.reachability.PhoneReachability;
import com.mobilityha.common.reachability.ReachedBy;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionRepository;
import com.mobilityha.common.session.SessionStatus;
import com.mobilityha.common.session.SessionTokens;
import com.mobilityha.localstack.quarkustest.AdminRedis;
import com.mobilityha.localstack.quarkustest.RedisSentinelResource;
import com.mobilityha.localstack.session.TestSessions;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * B8 in the console: the agents the reachability watchdog made non-routable, as a signed-in administrator
 * reads them (the page's overview and the API behind it), from the watchdog's marks in the shared data set.
 */
@QuarkusTest
@QuarkusTestResource(RedisSentinelResource.class)
@QuarkusTestResource(value = ConsoleSignInResource.class, restrictToAnnotatedClass = true)
class UnreachableAgentsConsoleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @AdminRedis
    RedisDataSource redis;

    @Inject
    SessionRepository sessions;

    @Inject
    PhoneReachability reachability;

    @Inject
    CompanyOverviews overviews;

    @TestHTTPResource("/")
    URI site;

    @BeforeEach
    @AfterEach
    void emptyDataSet() {
        List<String> keys = redis.key().keys("mha:*");
        if (!keys.isEmpty()) {
            redis.key().del(keys.toArray(String[]::new));
        }
        overviews.invalidate("acme");
    }

    @Test
    void anAdministratorSeesTheCompanysAgentsMadeUnreachableLongestFirstWithWhenTheirPhoneWasLastSeen() throws IOException {
        // site secondary lives (bob is served there): a silent one with sessions is taken over by this site (S6),
        // which moved bob to primary under the test on a busy machine
        redis.value(String.class).set("mha:site:secondary:heartbeat", "secondary-pod", new SetArgs().px(60_000));
        SessionRecord alice = session("acme", "alice", "primary");
        SessionRecord bob = session("acme", "bob", "secondary");
        SessionRecord carol = session("acme", "carol", "primary");
        SessionRecord dave = session("acme", "dave", "primary");
        SessionRecord gina = session("globex", "gina", "primary");
        seen(alice, ReachedBy.CHECK_IN);
        Instant aliceMoved = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        reachability.madeUnreachable(alice.sessionId(), "Unreachable", aliceMoved);
        Instant bobMoved = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.MILLIS);
        seen(bob, ReachedBy.PUSH_ACK); // answered after the watchdog moved him: his app offers Available
        reachability.madeUnreachable(bob.sessionId(), "Unreachable", bobMoved);
        seen(carol, ReachedBy.CHECK_IN); // checks in: never moved
        seen(dave, ReachedBy.CHECK_IN);
        reachability.madeUnreachable(dave.sessionId(), "Unreachable", aliceMoved);
        sessions.update(dave, s -> Optional.of(s.withStatus(SessionStatus.ENDED)));
        seen(gina, ReachedBy.CHECK_IN);
        reachability.madeUnreachable(gina.sessionId(), "Unreachable", bobMoved);
        ConsoleBrowserSession admin = ConsoleBrowserSession.signIn(site, ConsoleSignInResource.ADMIN,
                ConsoleSignInResource.PASSWORD);

        JsonNode unreachable = ok(admin.get("/admin/api/companies/acme/unreachable-agents"));

        assertEquals(2, unreachable.path("count").asLong(), "ended sessions and other companies' agents left out: " + unreachable);
        JsonNode first = unreachable.at("/agents/0");
        assertEquals("bob", first.path("username").asText(), "the longest unreachable first: " + unreachable);
        assertEquals(bobMoved, Instant.parse(first.path("since").asText()));
        assertEquals("Unreachable", first.path("status").asText());
        assertEquals("PUSH_ACK", first.path("lastSeenBy").asText());
        assertTrue(first.path("back").asBoolean(), "his phone answered since");
        assertEquals("secondary", first.path("site").asText());
        assertEquals("primary", first.path("instanceRole").asText());
        JsonNode second = unreachable.at("/agents/1");
        assertEquals("alice", second.path("username").asText());
        assertEquals(aliceMoved, Instant.parse(second.path("since").asText()));
        assertEquals("CHECK_IN", second.path("lastSeenBy").asText());
        assertTrue(!Instant.parse(second.path("lastSeenAt").asText()).isAfter(aliceMoved), "seen before she was moved");
        assertTrue(!second.path("back").asBoolean(), "her phone is still silent");

        JsonNode one = ok(admin.get("/admin/api/companies/acme/unreachable-agents?limit=1"));
        assertEquals(2, one.path("count").asLong(), "all counted");
        assertEquals(1, one.path("agents").size(), "the longest unreachable listed");
        JsonNode overview = ok(admin.get("/admin/api/companies/acme/overview"));
        assertEquals(unreachable, overview.path("unreachable"), "the page's overview carries them too");

        reachability.cleared(bob.sessionId()); // bob chose a status again
        assertEquals(List.of("alice"), ok(admin.get("/admin/api/companies/acme/unreachable-agents")).findValuesAsText("username"));
    }

    @Test
    void badInputToTheApiGetsProblemsAndOnlyAdministratorsOfTheCompanyReadIt() throws IOException {
        ConsoleBrowserSession admin = ConsoleBrowserSession.signIn(site, ConsoleSignInResource.ADMIN,
                ConsoleSignInResource.PASSWORD);
        for (String limit : List.of("0", "1001", "many", "-1", "99999999999")) {
            JsonNode problem = problem(400, admin.get("/admin/api/companies/acme/unreachable-agents?limit=" + limit));
            assertEquals("limit", problem.at("/errors/0/field").asText(), problem.toString());
        }
        problem(403, admin.get("/admin/api/companies/globex/unreachable-agents"));
        ConsoleBrowserSession agent = ConsoleBrowserSession.signIn(site, ConsoleSignInResource.NO_ROLE,
                ConsoleSignInResource.PASSWORD);
        problem(403, agent.get("/admin/api/companies/acme/unreachable-agents"));
        given().get("/admin/api/companies/acme/unreachable-agents").then().statusCode(401)
                .contentType("application/problem+json");
    }

    private SessionRecord session(String company, String username, String site) {
        String token = TestSessions.create(redis, company, username, "u-" + username, CompanyOverviewsTest.PRIMARY, site);
        return sessions.findByTokenHash(SessionTokens.hash(token)).orElseThrow();
    }

    private void seen(SessionRecord session, ReachedBy by) {
        reachability.seen(session.sessionId(), by, Instant.now().plusSeconds(3600));
    }

    private static JsonNode ok(HttpResponse<String> answer) throws IOException {
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body());
    }

    private static JsonNode problem(int status, HttpResponse<String> answer) throws IOException {
        assertEquals(status, answer.statusCode(), answer.body());
        assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""), answer.body());
        return JSON.readTree(answer.body());
    }
}
