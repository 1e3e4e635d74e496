package com.mobilityha.common.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mobilityha.common.agent.OfflineDuties;
import com.mobilityha.common.agent.OfflineDuty;
import com.mobilityha.common.notification.Notification;
import com.mobilityha.common.notification.NotificationPublisher;
import com.mobilityha.common.notification.NotificationReports;
import com.mobilityha.common.notification.PushKind;
import com.mobilityha.common.ops.AuditLog;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionCache;
import com.mobilityha.common.session.SessionRepository;
import com.mobilityha.common.session.SessionStatus;
import com.mobilityha.localstack.process.Signals;
import com.mobilityha.localstack.redis.AdminConnection;
import com.mobilityha.localstack.redis.RedisProcess;
import com.mobilityha.localstack.redis.RedisSentinelSet;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * R1 for what the services promise beyond a session's creation and end, on a real master, replica and
 * three Sentinels: a RELOGIN mark, a notification answered 202 (its report and stream entries), an
 * audit entry and a logout's offline duty are on the replica when the write returns, so they survive the master's death; when no
 * replica acknowledges in time, the write is refused with a 503 and never reported done.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DurableWritesContractTest {
    private static RedisSentinelSet set;
    private static AdminConnection connection;
    private static NotificationPublisher publisher;
    private static AuditLog audit;
    private static SessionRepository sessions;
    private static OfflineDuties offlineDuties;

    @BeforeAll
    static void start() {
        set = RedisSentinelSet.start();
        connection = AdminConnection.toMasterOf(set);
        ReplicaAcks oneReplica = new ReplicaAcks(connection.dataSource(), 1, Duration.ofMillis(500));
        publisher = new NotificationPublisher(oneReplica, new NotificationReports(connection.dataSource()));
        audit = new AuditLog(connection.dataSource(), oneReplica);
        offlineDuties = new OfflineDuties(connection.dataSource(), oneReplica);
        sessions = new SessionRepository(connection.dataSource(), new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS), oneReplica, SessionCache.off());
    }

    @AfterAll
    static void stop() {
        connection.close();
        set.close();
    }

    @Test
    @Order(1)
    void aNotificationOrAuditEntryNoReplicaAcknowledgesIsRefusedWith503NotReportedDone() {
        audit.record("acme", "admin", "TEST", "acknowledged while the replica is up", "r-1"); // and the connection is warm
        SessionRecord bob = stored(session("s-bob", "bob"));
        RedisProcess replica = set.replica();
        replica.freeze();
        try {
            assertThrows(ReplicationLagException.class,
                    () -> sessions.updateAllReplicated(List.of(bob), s -> Optional.of(s.reloginRequired())));
            ReplicationLagException notification = assertThrows(ReplicationLagException.class,
                    () -> publisher.publish(Notification.of(PushKind.WAKE, "acme", List.of("s-1"), "test")));
            assertEquals(503, notification.problem().getStatus());
            assertThrows(ReplicationLagException.class, () -> audit.record("acme", "admin", "TEST", "unacknowledged", "r-0"));
            assertThrows(ReplicationLagException.class,
                    () -> offlineDuties.queue(OfflineDuty.of(session("s-carol", "carol"), Instant.now())));
        } finally {
            Signals.thaw(replica.pid());
        }
        set.awaitReplicaInSync(Duration.ofSeconds(30));
    }

    @Test
    @Order(2)
    void whatWasAcknowledgedSurvivesTheMastersDeath() {
        SessionRecord alice = stored(session("s-alice", "alice"));
        sessions.updateAllReplicated(List.of(alice), s -> Optional.of(s.reloginRequired()));
        String notificationId = publisher.publish(Notification.of(PushKind.RELOGIN, "acme", List.of("s-1", "s-2", "s-3"),
                "failover: primary instance DOWN"));
        audit.record("acme", "admin", "NOTIFICATION_SENT", "RELOGIN to 3 sessions", notificationId);
        offlineDuties.queue(OfflineDuty.of(session("s-dave", "dave"), Instant.now()));

        int promoted = set.killMasterAndAwaitFailover(Duration.ofSeconds(30));

        assertEquals(3, RedisProcess.cli(promoted, "XRANGE", RedisKeys.notifications(), "-", "+").lines()
                .filter(notificationId::equals).count(), "every push entry");
        assertEquals("3", RedisProcess.cli(promoted, "HGET", RedisKeys.notificationReport(notificationId), "sessions").trim(),
                "the delivery report");
        assertTrue(RedisProcess.cli(promoted, "XRANGE", RedisKeys.auditLog("acme"), "-", "+").contains(notificationId),
                "the audit entry");
        assertTrue(RedisProcess.cli(promoted, "GET", RedisKeys.sessionByTokenHash("hash-s-alice"))
                .contains("\"status\":\"RELOGIN_REQUIRED\""), "the RELOGIN mark");
        assertTrue(RedisProcess.cli(promoted, "XRANGE", RedisKeys.agentOfflineDuties(), "-", "+").contains("s-dave"),
                "the offline duty");
        assertTrue(RedisProcess.cli(promoted, "SMEMBERS", RedisKeys.pendingAgentOfflineDuties("acme")).contains("s-dave"),
                "and its pending mark");
    }

    private static SessionRecord session(String id, String username) {
        Instant now = Instant.now();
        return new SessionRecord(id, "acme", new SessionRecord.SessionUser(username, "u-" + username),
                new SessionRecord.InstanceRef("primary", "i-1", "us-east-1"), "primary", SessionStatus.ACTIVE, now,
                now.plus(Duration.ofHours(12)), null, null, null);
    }

    /** Stores a new session as session-service does (acknowledged by the replica). */
    private static SessionRecord stored(SessionRecord session) {
        List<Request> transaction = new ArrayList<>(List.of(Request.cmd(Command.MULTI)));
        transaction.addAll(sessions.creation("hash-" + session.sessionId(), session, Duration.ofHours(1)));
        transaction.add(Request.cmd(Command.EXEC));
        new ReplicaAcks(connection.dataSource(), 1, Duration.ofSeconds(2)).send(transaction);
        return session;
    }
}
