package com.mobilityha.common.ops;

import com.mobilityha.common.redis.ReplicaAcks;
import com.mobilityha.localstack.redis.RedisClient;
import io.quarkus.redis.datasource.stream.StreamRange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit log as the notifier and the gateway write it and the console reads it
 * ({@code mha:audit:<company>}), on a real redis-server.
 */
class AuditLogContractTest {
    @RegisterExtension
    static final RedisClient client = new RedisClient();
    private static AuditLog audit;

    @BeforeAll
    static void redis() {
        audit = new AuditLog(client.dataSource(), new ReplicaAcks(client.dataSource(), 0, Duration.ZERO));
    }

    @Test
    void anActionReadsBackAsWrittenNewestFirstPerCompanyAndTheLogKeepsAboutTheLatestThousand() {
        Instant before = Instant.now();
        audit.record("acme", "acme-admin", "NOTIFICATION_SENT", "MESSAGE to everyone: hello", "n-1");
        audit.record("acme", "acme-admin", "FAILBACK_STARTED", "when idle", "f-1");
        audit.record("globex", "globex-admin", "NOTIFICATION_SENT", "WAKE to bob", "n-2");

        List<AuditEntry> acme = audit.recent("acme", 10);
        assertEquals(List.of("FAILBACK_STARTED", "NOTIFICATION_SENT"), acme.stream().map(AuditEntry::action).toList());
        AuditEntry sent = acme.get(1);
        assertEquals(new AuditEntry(sent.id(), sent.at(), "acme-admin", "NOTIFICATION_SENT", "MESSAGE to everyone: hello",
                "n-1"), sent);
        assertTrue(!sent.at().isBefore(before.minusSeconds(1)) && !sent.at().isAfter(Instant.now()));

        Map<String, String> raw = client.dataSource().stream(String.class)
                .xrange("mha:audit:acme", StreamRange.of("-", "+")).get(0).payload();
        assertEquals(Map.of("at", sent.at().toString(), "who", "acme-admin", "action", "NOTIFICATION_SENT",
                "what", "MESSAGE to everyone: hello", "ref", "n-1"), raw, "the fields every service writes");

        for (int i = 0; i < 1_300; i++) {
            audit.record("initech", "admin", "NOTIFICATION_SENT", "MESSAGE #" + i, "n-" + i);
        }
        long kept = client.dataSource().stream(String.class).xlen("mha:audit:initech");
        assertTrue(kept >= 1_000 && kept < 1_300, "trimmed near 1000 (MAXLEN ~): " + kept);
        assertEquals("MESSAGE #1299", audit.recent("initech", 1).get(0).what());
    }
}
