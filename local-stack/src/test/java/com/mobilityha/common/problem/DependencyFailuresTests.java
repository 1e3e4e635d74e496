package com.mobilityha.common.problem;

import io.smallrye.mutiny.TimeoutException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.redis.client.impl.types.ErrorType;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which Redis error replies mean "retry later" (503) and which a bug (500). */
class DependencyFailuresTests {
    @Test
    void aReplyThatMeansNotNowIsADependencyFailure() {
        assertEquals(Optional.of("Redis answered READONLY"),
                DependencyFailures.reason(ErrorType.create("READONLY You can't write against a read only replica.")));
    }

    @Test
    void aFrozenRedisIsADependencyFailureWhetherTheRequestTimedOutOrFoundThePoolsQueueFull() {
        assertEquals(Optional.of("a dependency did not answer in time"),
                DependencyFailures.reason(new CompletionException(new TimeoutException())));
        // As the gateway once got it beside stress-ng (bin/test, 2026-12-05): its scheduled work had filled the queue.
        assertEquals(Optional.of("a dependency answers too slowly for the requests waiting on it"), DependencyFailures.reason(
                new CompletionException(new ConnectionPoolTooBusyException("Connection pool reached max wait queue size of 24"))));
    }

    @Test
    void aWrongCommandIsABug() {
        assertEquals(Optional.empty(), DependencyFailures.reason(ErrorType.create("ERR unknown command 'FOO'")));
        assertEquals(Optional.empty(), DependencyFailures.reason(ErrorType.create("ERR [1] WRONGTYPE Operation against a key")));
    }

    @Test
    void aTransactionRefusedForWantOfReplicasIsADependencyFailureHoweverTheClientReportsIt() {
        assertEquals(Optional.of("Redis answered NOREPLICAS"), DependencyFailures.reason(new CompletionException(
                ErrorType.create("ERR [2] NOREPLICAS Not enough good replicas to write. ERR [3] EXECABORT Transaction discarded because of previous errors."))));
        // As session-service once got it (bin/test, 2026-12-05): the commands' reports interleaved.
        assertEquals(Optional.of("Redis answered NOREPLICAS"), DependencyFailures.reason(new CompletionException(ErrorType.create(
                "ERR [1ERR [2] NOREPLICAS Not enough good replicas to write.] NOREPLICAS Not enough good replicas to write.\n"
                        + " ERR [4]                                              ERR [3] NOREPLICAS Not enough good replicas to write.\n"
                        + "ERR [7] EXECABORT Transaction discarded because of previous errors."))));
    }
}
