package com.mobilityha.common.ops;

import com.mobilityha.localstack.redis.RedisClient;
import io.quarkus.redis.datasource.stream.StreamRange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The failover journal as session-service and connect-gateway write it and the console reads it
 * ({@code mha:failovers:<company>}), on a real redis-server.
 */
class FailoverJournalContractTest {
    @RegisterExtension
    static final RedisClient client = new RedisClient();
    private static FailoverJournal journal;

    @BeforeAll
    static void redis() {
        journal = new FailoverJournal(client.dataSource());
    }

    @Test
    void anEntryReadsBackAsWrittenNewestFirstAndPerCompany() {
        Instant at = Instant.parse("2026-12-02T10:15:30.123Z");
        journal.record("acme", new FailoverEvent(null, FailoverEvent.Kind.INSTANCE_DOWN, "primary", "secondary", at,
                1290, 42, 3, 1, List.of("n-1", "n-2")));
        journal.record("acme", new FailoverEvent(null, FailoverEvent.Kind.INSTANCE_UP, "primary", "primary",
                at.plusSeconds(60), -1, 0, 0, 0, List.of()));
        journal.record("globex", new FailoverEvent(null, FailoverEvent.Kind.SITE_TAKEOVER, "primary", "secondary",
                at, 3100, 250, 7, 0, List.of("n-3")));

        List<FailoverEvent> acme = journal.recent("acme", 10);
        assertEquals(List.of(FailoverEvent.Kind.INSTANCE_UP, FailoverEvent.Kind.INSTANCE_DOWN),
                acme.stream().map(FailoverEvent::kind).toList(), "newest first, acme's only");
        FailoverEvent down = acme.get(1);
        assertEquals(new FailoverEvent(down.id(), FailoverEvent.Kind.INSTANCE_DOWN, "primary", "secondary", at,
                1290, 42, 3, 1, List.of("n-1", "n-2")), down);
        assertEquals(List.of(), acme.get(0).notificationIds());

        Map<String, String> raw = client.dataSource().stream(String.class)
                .xrange("mha:failovers:acme", StreamRange.of("-", "+")).get(0).payload();
        assertEquals(Map.of("kind", "INSTANCE_DOWN", "subject", "primary", "handledBy", "secondary",
                "at", "2026-12-02T10:15:30.123Z", "detectionMillis", "1290", "handlingMillis", "42",
                "sessions", "3", "callsLost", "1", "notificationIds", "n-1,n-2"), raw, "the fields every site writes");
        assertTrue(journal.recent("nobody", 10).isEmpty());
    }
}
