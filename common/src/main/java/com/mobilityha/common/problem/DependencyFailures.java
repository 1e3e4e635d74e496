package com.mobilityha.common.problem;

import io.smallrye.mutiny.TimeoutException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells a failure that means a dependency could not serve the request — Redis above all — from a bug.
 * Redis refused the connection, did not answer in time (a frozen or partitioned master: the client's
 * {@code quarkus.redis.timeout} ran out, or, on a busy machine, the requests waiting for one of its pooled
 * connections filled the pool's wait queue first), lost the connection, or answered an error that means "not
 * now": {@code READONLY} (a demoted master during a Sentinel failover), {@code LOADING},
 * {@code MASTERDOWN}, {@code BUSY}, {@code OOM} (maxmemory reached), {@code NOREPLICAS}. Such a request
 * is to be retried ({@code 503 dependency-unavailable}); an error that means a wrong command
 * ({@code ERR}, {@code WRONGTYPE}, {@code NOSCRIPT}) stays a bug.
 */
public final class DependencyFailures {
    private static final Set<String> NOT_NOW_REPLIES = Set.of("READONLY", "LOADING", "MASTERDOWN", "BUSY",
            "TRYAGAIN", "CLUSTERDOWN", "NOREPLICAS", "OOM", "CONNECTION_CLOSED");
    /**
     * How the client reports the errors of the commands of a batch (a pipeline or a transaction): each prefixed
     * {@code ERR [n] }, e.g. {@code ERR [2] NOREPLICAS ... ERR [3] EXECABORT ...}; a failed transaction's
     * reports were seen interleaved ({@code ERR [1ERR [2] NOREPLICAS ...] NOREPLICAS ...}).
     */
    private static final Pattern BATCHED_ERROR_CODE = Pattern.compile("ERR \\[\\d+] ([A-Z_]+)");
    /** Causes followed at most: a chain that loops back on itself ends here. */
    private static final int MAX_CAUSES = 16;

    private DependencyFailures() {
    }

    /** What kept a dependency from serving the request that failed with {@code failure}; empty for a bug. */
    public static Optional<String> reason(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (cause instanceof Response reply && reply.type() == ResponseType.ERROR) {
                return notNowCode(reply.toString()).map(code -> "Redis answered " + code);
            }
            if (cause instanceof TimeoutException) {
                return Optional.of("a dependency did not answer in time");
            }
            if (cause instanceof ConnectException) {
                return Optional.of("a dependency refused the connection");
            }
            if (cause instanceof ConnectionPoolTooBusyException) {
                return Optional.of("a dependency answers too slowly for the requests waiting on it");
            }
            if (cause instanceof ClosedChannelException || cause instanceof NoStackTraceThrowable) {
                return Optional.of("a dependency's connection was lost (" + cause.getMessage() + ")");
            }
        }
        return Optional.empty();
    }

    /**
     * The "not now" code of a Redis error reply: its own code, or for a batch any of its commands' codes (the
     * others of a failed transaction are then {@code EXECABORT}).
     */
    private static Optional<String> notNowCode(String error) {
        List<String> codes = BATCHED_ERROR_CODE.matcher(error).results().map(match -> match.group(1)).toList();
        return (codes.isEmpty() ? List.of(error.split(" ", 2)[0]) : codes).stream()
                .filter(NOT_NOW_REPLIES::contains).findFirst();
    }

    /** The problem answered for a request that failed for {@code reason}: 503, retry in a second. */
    public static ProblemException unavailable(String reason) {
        return new ProblemException(Problem.of(ProblemType.DEPENDENCY_UNAVAILABLE,
                reason + "; retry"), Map.of("Retry-After", "1"));
    }
}
