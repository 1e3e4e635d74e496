package com.mobilityha.common.agent;

import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.redis.ReplicaAcks;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.common.session.SessionStatus;
import com.mobilityha.localstack.redis.RedisClient;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agents' offline duties as session-service queues them after a logout whose Connect step was not confirmed,
 * connect-gateway carries them out and the console counts them, on a real redis-server: the stream entry
 * ({@code mha:agent-offline-duties}) and the company's pending set ({@code mha:agent-offline-duties:pending:<company>}).
 */
class OfflineDutiesContractTest {
    @RegisterExtension
    static final RedisClient client = new RedisClient();
    private static final InstanceRef PRIMARY = new InstanceRef("primary", "i-1", "us-east-1");
    private static RedisDataSource redis;
    private static OfflineDuties duties;

    @BeforeAll
    static void redis() {
        redis = client.dataSource();
        duties = new OfflineDuties(redis, new ReplicaAcks(redis, 0, Duration.ZERO));
    }

    @BeforeEach
    void empty() {
        redis.flushall();
    }

    @Test
    void aDutyIsOneStreamEntryWithTheFieldsTheGatewayReadsAndNeedsNoToken() {
        Instant loggedOut = Instant.parse("2026-03-01T10:15:30.123Z");
        duties.queue(OfflineDuty.of(session("s-1", "alice"), loggedOut));

        List<StreamMessage<String, String, String>> entries = entries();
        assertEquals(1, entries.size());
        assertEquals(Map.of("sessionId", "s-1", "companyCode", "acme", "username", "alice", "connectUserId", "u-alice",
                "instanceRole", "primary", "instanceId", "i-1", "region", "us-east-1",
                "loggedOutAt", Long.toString(loggedOut.toEpochMilli())), entries.get(0).payload(),
                "the fields session-service writes");
        assertEquals(new OfflineDuty("s-1", "acme", "alice", "u-alice", PRIMARY, loggedOut),
                OfflineDuty.fromFields(entries.get(0).payload()), "connect-gateway reads what was written");
    }

    @Test
    void eachCompanyCountsItsPendingDutiesUntilTheGatewaySettlesThemOnceOrAgain() {
        OfflineDuty alice = OfflineDuty.of(session("s-1", "alice"), Instant.now());
        duties.queue(alice);
        duties.queue(OfflineDuty.of(session("s-2", "bob"), Instant.now()));
        duties.queue(new OfflineDuty("s-3", "globex", "carol", "u-carol", PRIMARY, Instant.now()));

        assertEquals(2, duties.pending("acme"));
        assertEquals(1, duties.pending("globex"));
        duties.settled(alice);
        duties.settled(alice);
        assertEquals(1, duties.pending("acme"), "a duty settled twice (delivered at least once) counts once");
        assertEquals(0, duties.pending("initech"), "a company without duties has none");
        long ttl = redis.key().pttl(RedisKeys.pendingAgentOfflineDuties("acme"));
        assertTrue(ttl > 0 && ttl <= OfflineDuties.PENDING_KEPT.toMillis(), "the marks expire in the end: " + ttl);
    }

    @Test
    void anEntryMissingAFieldIsNotADuty() {
        Map<String, String> fields = new HashMap<>(OfflineDuty.of(session("s-1", "alice"), Instant.now()).toFields());
        fields.remove("connectUserId");
        assertThrows(IllegalArgumentException.class, () -> OfflineDuty.fromFields(fields));
    }

    private static SessionRecord session(String id, String username) {
        Instant now = Instant.now();
        return new SessionRecord(id, "acme", new SessionRecord.SessionUser(username, "u-" + username), PRIMARY,
                "primary", SessionStatus.ACTIVE, now, now.plus(Duration.ofHours(12)), null, null, null);
    }

    private static List<StreamMessage<String, String, String>> entries() {
        return redis.stream(String.class, String.class, String.class)
                .xrange(RedisKeys.agentOfflineDuties(), StreamRange.of("-", "+"));
    }
}
