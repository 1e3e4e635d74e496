package com.mobilityha.login.sso;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The IdP applications discovered so far and the discoveries under way, by application. Each one is
 * discovered by one request at a time and outside any lock: the requests that need it meanwhile wait for
 * that discovery (at most {@code wait}) instead of starting their own, and requests for other
 * applications never wait for it. A failed discovery is remembered for {@code retryAfter}: meanwhile a
 * dead IdP's logins answer 503 at once instead of each waiting out the IdP timeout again.
 */
final class IdpDiscoveries {
    private static final Logger LOG = Logger.getLogger(IdpDiscoveries.class);

    private final Map<String, Discovery> discoveries = new ConcurrentHashMap<>();
    private final Duration wait;
    private final Duration retryAfter;

    IdpDiscoveries(Duration wait, Duration retryAfter) {
        this.wait = wait;
        this.retryAfter = retryAfter;
    }

    /** The application {@code name}, discovered by {@code discover} unless known, under way or failed lately. */
    IdpApplication application(String name, Supplier<IdpApplication> discover) {
        Discovery mine = new Discovery();
        Instant now = Instant.now();
        Discovery current = discoveries.compute(name,
                (key, known) -> known == null || known.failedBefore(now.minus(retryAfter)) ? mine : known);
        if (current == mine) {
            mine.run(name, discover);
        }
        return current.await(name);
    }

    /** The applications discovered so far. */
    List<IdpApplication> discovered() {
        return discoveries.values().stream().filter(Discovery::succeeded).map(d -> d.result.join()).toList();
    }

    /** One discovery of an application: under way, done, or failed at {@link #failedAt}. */
    private final class Discovery {
        private final CompletableFuture<IdpApplication> result = new CompletableFuture<>();
        private volatile Instant failedAt;

        void run(String name, Supplier<IdpApplication> discover) {
            try {
                result.complete(discover.get());
            } catch (RuntimeException e) {
                LOG.warnf("IdP application %s not discovered; its logins answer 503 for %s: %s", name, retryAfter,
                        e.getMessage());
                failedAt = Instant.now();
                result.completeExceptionally(e);
            }
        }

        IdpApplication await(String name) {
            try {
                return result.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException failed) {
                throw IdpApplication.unavailable(Duration.between(Instant.now(), failedAt.plus(retryAfter)));
            } catch (TimeoutException slow) {
                throw IdpApplication.unavailable(name, "its discovery is still under way");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw IdpApplication.unavailable(name, "interrupted");
            }
        }

        boolean failedBefore(Instant instant) {
            Instant failed = failedAt;
            return failed != null && failed.isBefore(instant);
        }

        boolean succeeded() {
            return result.isDone() && !result.isCompletedExceptionally();
        }
    }
}
