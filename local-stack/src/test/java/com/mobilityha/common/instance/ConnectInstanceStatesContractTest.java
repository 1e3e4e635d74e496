package com.mobilityha.common.instance;

import com.mobilityha.localstack.redis.RedisClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.mobilityha.common.instance.InstanceState.DOWN;
import static com.mobilityha.common.instance.InstanceState.UP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared state of a Connect instance as gateway pods of both sites write it and the console
 * reads it, on a real redis-server: the record's format, and the quorum that decides a DOWN.
 */
class ConnectInstanceStatesContractTest {
    private static final String INSTANCE = "i-contract";
    private static final Duration FRESH = Duration.ofSeconds(5);
    /** A freshness short enough to wait out. */
    private static final Duration SHORT = Duration.ofMillis(200);
    /** Both sites; their heartbeats are absent unless a test makes them live. */
    private static final List<String> SITES = List.of("primary", "secondary");
    @RegisterExtension
    static final RedisClient client = new RedisClient();
    private static ConnectInstanceStates podA;
    private static ConnectInstanceStates podB;

    @BeforeAll
    static void redis() {
        podA = new ConnectInstanceStates(client.dataSource(), "primary", "primary/pod-a");
        podB = new ConnectInstanceStates(client.dataSource(), "secondary", "secondary/pod-b");
    }

    @BeforeEach
    void podsReportingForLong() {
        client.dataSource().flushall();
        podA.vote(INSTANCE, "UP", null, false, FRESH, SITES);
        client.dataSource().hash(String.class).hset("mha:connect-instance-views:" + INSTANCE, ":since", "0");
    }

    @Test
    void theFirstAnsweringViewIsRecordedAtEpochZeroInTheFormatEverySiteReads() {
        client.dataSource().flushall();
        assertTrue(podA.read(INSTANCE).isEmpty(), "nothing before a pod reported");
        ConnectInstanceStates.Vote vote = podA.vote(INSTANCE, "UP", null, false, FRESH, SITES);
        assertFalse(vote.won(), "a first state is no transition");
        assertEquals(UP, vote.shared());

        Map<String, String> raw = client.dataSource().hash(String.class).hgetall("mha:connect-instance:" + INSTANCE);
        assertEquals("UP", raw.get("state"));
        assertEquals("primary", raw.get("by"));
        assertEquals("0", raw.get("epoch"));
        Instant since = Instant.parse(raw.get("since"));
        assertEquals(new SharedInstanceState(UP, since, "primary", 0), podB.read(INSTANCE).orElseThrow());

        Map<String, String> views = client.dataSource().hash(String.class)
                .hgetall("mha:connect-instance-views:" + INSTANCE);
        assertTrue(views.get("primary/pod-a").matches("UP@\\d{13}"), "<VIEW>@<Redis time in ms>: " + views);
    }

    @Test
    void aLonePodInItsProbationCannotDeclareDownButTwoPodsCanAndOnlyOneWins() {
        assertFalse(podA.vote(INSTANCE, "DOWN", DOWN, false, FRESH, SITES).won());
        assertEquals(UP, podA.read(INSTANCE).orElseThrow().state(), "one pod's view is not the company's truth");

        ConnectInstanceStates.Vote second = podB.vote(INSTANCE, "DOWN", DOWN, false, FRESH, SITES);
        assertTrue(second.won(), "a second pod agrees");
        assertEquals(1, second.epoch());
        assertEquals(UP, second.previous());
        assertFalse(podA.vote(INSTANCE, "DOWN", DOWN, false, FRESH, SITES).won(), "the transition's duties are done once");
        SharedInstanceState down = podA.read(INSTANCE).orElseThrow();
        assertEquals(DOWN, down.state());
        assertEquals("secondary", down.by());
    }

    @Test
    void aPodPastItsProbationDeclaresDownAloneUnlessAnotherPodStillGetsAnswers() {
        podB.vote(INSTANCE, "UP", null, true, FRESH, SITES);
        assertFalse(podA.vote(INSTANCE, "DOWN", DOWN, true, FRESH, SITES).won(), "pod B still gets answers: a veto");
        podB.vote(INSTANCE, "SUSPECT", null, true, FRESH, SITES);
        assertTrue(podA.vote(INSTANCE, "DOWN", DOWN, true, FRESH, SITES).won(),
                "a SUSPECT pod (its last probe failed) neither vetoes nor confirms");
    }

    @Test
    void afterRedisLostTheViewsNoDownIsDeclaredUntilEveryPodHadItsSayAgain() throws InterruptedException {
        client.dataSource().key().del("mha:connect-instance-views:" + INSTANCE);
        long before = System.currentTimeMillis();
        assertFalse(podA.vote(INSTANCE, "DOWN", DOWN, true, SHORT, SITES).won(),
                "a healthy pod may not have reported since: its answer would veto");
        Thread.sleep(SHORT.toMillis() + 50);
        assertTrue(podA.vote(INSTANCE, "DOWN", DOWN, true, SHORT, SITES).won(), "nobody else reported in a freshness period");
        assertTrue(Long.parseLong(client.dataSource().hash(String.class).hget("mha:connect-instance-views:" + INSTANCE,
                ":since")) >= before - 1000, ":since is when the pods started reporting again (Redis time, ms)");
    }

    @Test
    void aViewOlderThanItsFreshnessNoLongerCounts() throws InterruptedException {
        podB.vote(INSTANCE, "UP", null, true, FRESH, SITES);
        Thread.sleep(300);
        assertTrue(podA.vote(INSTANCE, "DOWN", DOWN, true, Duration.ofMillis(100), SITES).won(),
                "pod B stopped reporting: its answer from before is no veto");
        assertNull(client.dataSource().hash(String.class).hget("mha:connect-instance-views:" + INSTANCE,
                "secondary/pod-b"), "and its view is gone");
    }

    @Test
    void anAnsweringInstanceIsUpAgainOnOnePodsWord() {
        podA.vote(INSTANCE, "DOWN", DOWN, true, FRESH, SITES);
        podB.vote(INSTANCE, "DOWN", null, false, FRESH, SITES);
        ConnectInstanceStates.Vote back = podA.vote(INSTANCE, "UP", UP, false, FRESH, SITES);
        assertTrue(back.won());
        assertEquals(DOWN, back.previous());
        assertEquals(2, back.epoch());
    }

    @Test
    void aPodThatDoesNotProbeReadsTheSharedStateAndTheFreshViewsOfBothSitesWithTheirAge() throws InterruptedException {
        podB.vote(INSTANCE, ConnectInstanceStates.SUSPECT, null, false, FRESH, SITES);

        ConnectInstanceStates.Observation seen = podA.observe(INSTANCE, FRESH);
        Map<String, ConnectInstanceStates.PodView> views = seen.views();

        assertEquals(UP, seen.shared());
        assertEquals(2, views.size(), "the views of both pods, not the ':since' field");
        assertEquals("primary", views.get("primary/pod-a").site());
        assertFalse(views.get("primary/pod-a").alarming());
        assertEquals("secondary", views.get("secondary/pod-b").site());
        assertTrue(views.get("secondary/pod-b").alarming(), "a failed probe alarms every pod");
        assertTrue(views.get("secondary/pod-b").ageMillis() >= 0);
        Thread.sleep(SHORT.toMillis() + 50);
        assertTrue(podA.observe(INSTANCE, SHORT).views().isEmpty(), "views older than the freshness are not returned");
    }

    @Test
    void aDownNeedsEveryLiveSiteToSeeTheInstanceFailingOneSitesBrokenLinkIsNotTheCompanys() {
        client.dataSource().value(String.class).psetex("mha:site:primary:heartbeat", 60_000, "primary/session-1");
        client.dataSource().value(String.class).psetex("mha:site:secondary:heartbeat", 60_000, "secondary/session-1");

        assertFalse(podA.vote(INSTANCE, "DOWN", DOWN, true, FRESH, SITES).won(),
                "the live secondary site has not seen the instance fail");
        podB.vote(INSTANCE, ConnectInstanceStates.SUSPECT, null, true, FRESH, SITES);
        assertTrue(podA.vote(INSTANCE, "DOWN", DOWN, true, FRESH, SITES).won(), "both live sites see it failing");
    }

    @Test
    void aSiteThatIsGoneHasNoSay() {
        client.dataSource().value(String.class).psetex("mha:site:primary:heartbeat", 60_000, "primary/session-1");

        assertTrue(podA.vote(INSTANCE, "DOWN", DOWN, true, FRESH, SITES).won(),
                "the secondary site's heartbeat has lapsed: the primary site decides alone");
    }
}
