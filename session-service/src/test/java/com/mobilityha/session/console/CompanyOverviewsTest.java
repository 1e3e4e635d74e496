package com.mobilityha.session.console;

import com.mobilityha.common.agent.OfflineDuties;
import com.mobilityha.common.agent.OfflineDuty;
import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.notification.Notification;
import com.mobilityha.common.notification.NotificationPublisher;
import com.mobilityha.common.notification.PushKind;
import com.mobilityha.common.ops.AuditLog;
import com.mobilityha.common.ops.FailoverEvent;
import com.mobilityha.common.ops.FailoverJournal;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.common.session.SessionRepository;
import com.mobilityha.common.session.SessionStatus;
import com.mobilityha.common.session.SessionTokens;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.localstack.quarkustest.AdminRedis;
import com.mobilityha.localstack.quarkustest.RedisSentinelResource;
import com.mobilityha.localstack.session.TestSessions;
import com.mobilityha.session.console.CompanyOverview.InstanceView;
import com.mobilityha.session.console.CompanyOverview.SessionCounts;
import com.mobilityha.session.console.CompanyOverview.SiteView;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's overview of a company, built from the shared data set as both sites write it;
 * nothing of another company shows. (The signed-in page itself is tested in a real browser by
 * system-tests' {@code OperationsConsoleTest}.)
 */
@QuarkusTest
@QuarkusTestResource(RedisSentinelResource.class)
class CompanyOverviewsTest {
    static final InstanceRef PRIMARY = new InstanceRef("primary", "a1b2c3d4-0000-4000-8000-000000000001", "us-east-1");
    static final InstanceRef SECONDARY = new InstanceRef("secondary", "a1b2c3d4-0000-4000-8000-000000000002", "us-west-2");

    @AdminRedis
    RedisDataSource redis;

    @Inject
    SessionRepository sessions;

    @Inject
    CompanyOverviews overviews;

    @Inject
    CompanyDirectory companies;

    @Inject
    FailoverJournal journal;

    @Inject
    AuditLog audit;

    @Inject
    NotificationPublisher publisher;

    @Inject
    OfflineDuties offlineDuties;

    @BeforeEach
    void emptyDataSetAndThisSiteBeating() {
        forgetEverything();
        // the overview the last test read is cached for CompanyOverviews.FRESH: it is not this data set's
        overviews.invalidate("acme");
        Poll.require(() -> redis.key().exists("mha:site:primary:heartbeat"), "this site beats", Duration.ofSeconds(5));
    }

    @AfterEach
    void forgetEverything() {
        List<String> keys = redis.key().keys("mha:*");
        if (!keys.isEmpty()) {
            redis.key().del(keys.toArray(String[]::new));
        }
    }

    @Test
    void sessionsAreCountedPerSiteAndInstanceWithReloginRequiredAndCalls() {
        redis.value(String.class).set("mha:site:secondary:heartbeat", "secondary-pod", new SetArgs().px(60_000));
        TestSessions.create(redis, "acme", "alice", "u-a", PRIMARY, "primary");
        String bob = TestSessions.create(redis, "acme", "bob", "u-b", PRIMARY, "secondary");
        String carol = TestSessions.create(redis, "acme", "carol", "u-c", SECONDARY, "secondary");
        String dave = TestSessions.create(redis, "acme", "dave", "u-d", SECONDARY, "primary");
        TestSessions.create(redis, "globex", "gina", "u-g", PRIMARY, "primary");
        update(bob, SessionRecord::reloginRequired);
        update(carol, s -> s.withCall(new SessionRecord.ActiveCall("contact-1", Instant.now())));
        update(dave, s -> s.withStatus(SessionStatus.ENDED));

        CompanyOverview overview = overviews.of(companies.require("acme"));

        assertEquals(new SessionCounts(2, 1, 1), overview.sessions(), "ended sessions and other companies are left out");
        assertEquals(new SessionCounts(1, 0, 0), site(overview, "primary").sessions());
        assertEquals(new SessionCounts(1, 1, 1), site(overview, "secondary").sessions());
        assertEquals(new SessionCounts(1, 1, 0), instance(overview, "primary").sessions());
        assertEquals(new SessionCounts(1, 0, 1), instance(overview, "secondary").sessions());
    }

    @Test
    void sitesInstancesFailoversNotificationsAndAuditAreThoseOfTheCompany() {
        redis.value(String.class).set("mha:site:secondary:taken-over-by", "primary:3");
        redis.hash(String.class).hset("mha:connect-instance:" + PRIMARY.instanceId(),
                Map.of("state", "DOWN", "since", "2026-11-27T10:00:00Z", "by", "secondary", "epoch", "4"));
        journal.record("acme", new FailoverEvent(null, FailoverEvent.Kind.INSTANCE_DOWN, "primary", "secondary",
                Instant.now(), 2004, 35, 12, 3, List.of("n-1")));
        journal.record("globex", new FailoverEvent(null, FailoverEvent.Kind.INSTANCE_DOWN, "primary", "secondary",
                Instant.now(), 2004, 35, 99, 0, List.of()));
        String sent = publisher.publish(Notification.of(PushKind.MESSAGE, "acme", List.of("s-1"), "admin@acme")
                .saying("Briefing at 3 pm"));
        publisher.publish(Notification.of(PushKind.MESSAGE, "globex", List.of("s-2"), "admin@globex").saying("Globex only"));
        audit.record("acme", "admin@acme", "NOTIFICATION_SENT", "MESSAGE to the whole company", sent);
        audit.record("globex", "admin@globex", "NOTIFICATION_SENT", "MESSAGE to the whole company", "x");

        CompanyOverview overview = overviews.of(companies.require("acme"));

        assertEquals("primary", overview.servedBy());
        SiteView primary = site(overview, "primary");
        SiteView secondary = site(overview, "secondary");
        assertTrue(primary.alive() && primary.heartbeatAgeMillis() < 3_000, "this site beats: " + primary);
        assertNull(primary.takenOverBy());
        assertTrue(!secondary.alive() && "primary:3".equals(secondary.takenOverBy()), secondary.toString());
        assertEquals("http://localhost:9081/admin/", secondary.consoleUrl(), "the other site's console, from the settings");
        assertEquals("DOWN", instance(overview, "primary").state());
        assertEquals("secondary", instance(overview, "primary").by());
        assertEquals(1, overview.failovers().size());
        assertEquals(12, overview.failovers().get(0).sessions());
        assertEquals(List.of(sent), overview.notifications().stream().map(n -> n.notificationId()).toList());
        assertEquals("admin@acme", overview.notifications().get(0).origin());
        assertEquals(1, overview.audit().size());
        assertEquals(sent, overview.audit().get(0).ref());
    }

    @Test
    void loggedOutAgentsStillToBeSetOfflineAreCountedForTheirCompanyUntilTheGatewaySettlesThem() {
        OfflineDuty alice = new OfflineDuty("s-1", "acme", "alice", "u-a", PRIMARY, Instant.now());
        offlineDuties.queue(alice);
        offlineDuties.queue(new OfflineDuty("s-2", "acme", "bob", "u-b", SECONDARY, Instant.now()));
        offlineDuties.queue(new OfflineDuty("s-3", "globex", "gina", "u-g", PRIMARY, Instant.now()));

        assertEquals(2, overviews.of(companies.require("acme")).pendingOfflineDuties(), "other companies' are left out");

        offlineDuties.settled(alice);
        overviews.invalidate("acme");
        assertEquals(1, overviews.of(companies.require("acme")).pendingOfflineDuties());
    }

    @Test
    void theConsoleApiRefusesAnonymousCallersWithA401Problem() {
        given().get("/admin/api/companies/acme/overview").then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401));
    }

    private void update(String token, java.util.function.UnaryOperator<SessionRecord> change) {
        SessionRecord session = sessions.findByTokenHash(SessionTokens.hash(token)).orElseThrow();
        assertTrue(sessions.update(session, s -> Optional.of(change.apply(s))).isPresent());
    }

    private static SiteView site(CompanyOverview overview, String name) {
        return overview.sites().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static InstanceView instance(CompanyOverview overview, String role) {
        return overview.instances().stream().filter(i -> i.role().equals(role)).findFirst().orElseThrow();
    }
}
