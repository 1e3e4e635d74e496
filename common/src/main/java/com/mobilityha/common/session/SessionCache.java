package com.mobilityha.common.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The sessions this service authenticated recently, answered without a Redis round trip while Redis tells the
 * service of every change to them: server-assisted client-side caching ({@link SessionTracking} keeps a
 * connection with {@code CLIENT TRACKING} on the session keys). Only authentication ({@link SessionAuthenticator})
 * reads through it; every other read and every conditional update goes to Redis, so a stale copy can at worst
 * cost an update one retry.
 * <p>
 * It cannot hold a session changed elsewhere for longer than {@code mobility.session-cache.max-staleness}:
 * <ul>
 *   <li>a change made while a read is on its way: the read first leaves a placeholder, which any invalidation
 *   removes, and only a read whose placeholder is still there is kept;</li>
 *   <li>a lost or late invalidation (a frozen connection, a Redis failover to a master that does not track this
 *   service): the cache answers only while {@link SessionTracking} has proven, within max-staleness, that Redis
 *   delivered every change written up to then ({@link #proven}); otherwise every read goes to Redis, and a
 *   tracking connection that fails its proof empties the cache ({@link #reset});</li>
 *   <li>this service's own writes: the writer forgets the sessions it wrote ({@link #forget},
 *   {@link #forgetSessions}), so it reads its own writes even before Redis's invalidation arrives.</li>
 * </ul>
 * Metrics: {@code mobility_session_cache_reads_total{outcome=hit|miss|bypass}}, {@code mobility_session_cache_sessions},
 * {@code mobility_session_cache_serving} (1 while answering) and {@code mobility_session_cache_resets_total{reason}}.
 */
@ApplicationScoped
public class SessionCache {
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();
    /** Session id → token hash of the sessions kept, for writers that know sessions by id. */
    private final ConcurrentHashMap<String, String> tokenHashes = new ConcurrentHashMap<>();
    private final boolean enabled;
    private final long maxStalenessNanos;
    private final int maxEntries;
    private final MeterRegistry metrics;
    private final Counter hits;
    private final Counter misses;
    private final Counter bypasses;
    /** System.nanoTime() up to which Redis has proven it delivered every invalidation. */
    private volatile long provenUpTo;

    @Inject
    SessionCache(SessionCacheConfig config, MeterRegistry metrics) {
        this(config.enabled(), config.maxStaleness(), config.maxEntries(), metrics);
    }

    private SessionCache(boolean enabled, Duration maxStaleness, int maxEntries, MeterRegistry metrics) {
        this.enabled = enabled;
        this.maxStalenessNanos = maxStaleness.toNanos();
        this.maxEntries = maxEntries;
        this.metrics = metrics;
        this.provenUpTo = System.nanoTime() - maxStalenessNanos;
        this.hits = reads("hit");
        this.misses = reads("miss");
        this.bypasses = reads("bypass");
        metrics.gauge("mobility.session.cache.sessions", slots, ConcurrentHashMap::size);
        metrics.gauge("mobility.session.cache.serving", this, cache -> cache.serving() ? 1 : 0);
    }

    /** A cache that is off ({@code mobility.session-cache.enabled=false}): every read goes to Redis. */
    public static SessionCache off() {
        return new SessionCache(false, Duration.ZERO, 0, new SimpleMeterRegistry());
    }

    /** Whether the tracking connection is on: {@link SessionTracking} runs only then. */
    boolean enabled() {
        return enabled;
    }

    /** The session of this token hash, kept or loaded (and kept, if nothing changed it meanwhile). */
    public Optional<SessionRecord> find(String tokenHash, Supplier<Optional<SessionRecord>> load) {
        Lookup lookup = lookUp(tokenHash);
        if (lookup.kept() != null) {
            return Optional.of(lookup.kept());
        }
        try {
            Optional<SessionRecord> found = load.get();
            keep(tokenHash, lookup.placeholder(), found);
            return found;
        } finally {
            release(tokenHash, lookup.placeholder());
        }
    }

    /** {@link #find} for endpoints that answer from the event loop. */
    public Uni<Optional<SessionRecord>> findAsync(String tokenHash, Supplier<Uni<Optional<SessionRecord>>> load) {
        Lookup lookup = lookUp(tokenHash);
        if (lookup.kept() != null) {
            return Uni.createFrom().item(Optional.of(lookup.kept()));
        }
        return load.get()
                .invoke(found -> keep(tokenHash, lookup.placeholder(), found))
                .onTermination().invoke(() -> release(tokenHash, lookup.placeholder()));
    }

    /** This service wrote the session of this token hash: it is read from Redis next time. */
    public void forget(String tokenHash) {
        Slot removed = slots.remove(tokenHash);
        if (removed != null && removed.session != null) {
            tokenHashes.remove(removed.session.sessionId(), tokenHash);
        }
    }

    /** This service wrote the sessions of these ids: they are read from Redis next time. */
    public void forgetSessions(Collection<String> sessionIds) {
        for (String sessionId : sessionIds) {
            String tokenHash = tokenHashes.remove(sessionId);
            if (tokenHash != null) {
                slots.remove(tokenHash);
            }
        }
    }

    /** Redis says the session of this token hash changed (or expired, or was deleted). */
    void invalidate(String tokenHash) {
        forget(tokenHash);
    }

    /** Redis says every key may have changed (FLUSHALL, FLUSHDB). */
    void invalidateAll() {
        slots.clear();
        tokenHashes.clear();
    }

    /** Redis delivered every invalidation of a change written up to this {@link System#nanoTime()}. */
    void proven(long writtenAtNanos) {
        if (writtenAtNanos - provenUpTo > 0) {
            provenUpTo = writtenAtNanos;
        }
    }

    /** The tracking connection failed (or failed its proof): nothing kept may be trusted. */
    void reset(String reason) {
        provenUpTo = System.nanoTime() - maxStalenessNanos;
        invalidateAll();
        metrics.counter("mobility.session.cache.resets", "reason", reason).increment();
    }

    /** Whether the cache answers: on, and Redis proved recently enough that it tells us of every change. */
    boolean serving() {
        return enabled && System.nanoTime() - provenUpTo < maxStalenessNanos;
    }

    /** The kept session (a hit), or what a read from Redis needs: the placeholder it may replace (null: keep nothing). */
    private Lookup lookUp(String tokenHash) {
        if (!serving()) {
            bypasses.increment();
            return new Lookup(null, null);
        }
        Slot slot = slots.get(tokenHash);
        if (slot != null && slot.session != null) {
            hits.increment();
            return new Lookup(slot.session, null);
        }
        misses.increment();
        return new Lookup(null, reserve(tokenHash));
    }

    /** A placeholder for a read on its way, or null when another read holds one or the cache is full. */
    private Slot reserve(String tokenHash) {
        if (slots.size() >= maxEntries) {
            return null;
        }
        Slot placeholder = new Slot(null);
        return slots.putIfAbsent(tokenHash, placeholder) == null ? placeholder : null;
    }

    private void keep(String tokenHash, Slot placeholder, Optional<SessionRecord> found) {
        if (placeholder == null || found.isEmpty() || !serving()) {
            return;
        }
        SessionRecord session = found.get();
        tokenHashes.put(session.sessionId(), tokenHash);
        slots.replace(tokenHash, placeholder, new Slot(session));
    }

    private void release(String tokenHash, Slot placeholder) {
        if (placeholder != null) {
            slots.remove(tokenHash, placeholder);
        }
    }

    private Counter reads(String outcome) {
        return metrics.counter("mobility.session.cache.reads", "outcome", outcome);
    }

    private record Lookup(SessionRecord kept, Slot placeholder) {
    }

    /** A kept session, or (session null) the placeholder of a read on its way. Compared by identity. */
    private static final class Slot {
        private final SessionRecord session;

        private Slot(SessionRecord session) {
            this.session = session;
        }
    }
}
