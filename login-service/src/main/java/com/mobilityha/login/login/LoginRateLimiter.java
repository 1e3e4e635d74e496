package com.mobilityha.login.login;

import com.mobilityha.common.problem.DependencyFailures;
import com.mobilityha.common.problem.Problem;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.session.SessionTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Locale;
import java.util.Map;

/**
 * Login attempts per client address and per user over a sliding minute, in Redis (one sorted set of
 * attempt times per subject, trimmed and counted by one Lua call), shared by both sites. Over the
 * limit: a 429 {@code throttled} problem whose {@code Retry-After} says when the oldest counted
 * attempt leaves the window; refused attempts are not counted. A password attempt counts until the
 * password turned out right ({@link Attempt#forgive}): a user is held back for guessing, never for
 * retrying a login that failed after the password (Amazon Connect throttling a RELOGIN wave, an
 * instance down). The limiter fails closed: while it cannot count (Redis down, frozen, read-only), a login
 * is refused with a 503 {@code dependency-unavailable} before any password is checked, or the outage
 * would be an unlimited password oracle.
 */
@ApplicationScoped
public class LoginRateLimiter {
    private static final Logger LOG = Logger.getLogger(LoginRateLimiter.class);
    private static final long WINDOW_MILLIS = 60_000;
    /** Returns {attempts in the window, 0} when counted, {attempts, oldest attempt's time} when refused. */
    private static final String SLIDING_WINDOW = """
            local now = tonumber(ARGV[1])
            local window = tonumber(ARGV[2])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
            local count = redis.call('ZCARD', KEYS[1])
            if count >= tonumber(ARGV[3]) then
              local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
              return {count, tonumber(oldest[2])}
            end
            redis.call('ZADD', KEYS[1], now, ARGV[4])
            redis.call('PEXPIRE', KEYS[1], window)
            return {count + 1, 0}
            """;

    private final RedisDataSource redis;
    private final RateLimitSettings settings;
    private final MeterRegistry metrics;

    LoginRateLimiter(RedisDataSource redis, RateLimitSettings settings, MeterRegistry metrics) {
        this.redis = redis;
        this.settings = settings;
        this.metrics = metrics;
    }

    /** Counts an attempt from this client address. */
    public void address(String clientAddress) {
        count("address", clientAddress, settings.perAddress());
    }

    /** Counts a password attempt for this user of the company; forgive it once the password is right. */
    public Attempt user(String companyCode, String username) {
        return count("user", companyCode.toLowerCase(Locale.ROOT) + ":" + username.toLowerCase(Locale.ROOT),
                settings.perUser());
    }

    /** A counted attempt. */
    public final class Attempt {
        private final String key;
        private final String member;

        private Attempt(String key, String member) {
            this.key = key;
            this.member = member;
        }

        /** The password was right: this attempt no longer counts against the user. */
        public void forgive() {
            try {
                redis.sortedSet(String.class).zrem(key, member);
            } catch (RuntimeException e) {
                LOG.debugf("Login attempt not forgiven: %s", e.getMessage());
            }
        }
    }

    private Attempt count(String scope, String subject, int limit) {
        long now = System.currentTimeMillis();
        String key = RedisKeys.loginAttempts(scope, subject);
        String member = SessionTokens.newId();
        Response answer;
        try {
            answer = redis.execute("EVAL", SLIDING_WINDOW, "1", key,
                    String.valueOf(now), String.valueOf(WINDOW_MILLIS), String.valueOf(limit), member);
        } catch (RuntimeException e) {
            LOG.warnf("Login refused: its attempts cannot be counted (%s): %s", scope, e.getMessage());
            metrics.counter("mobility.login.limiter.blind", "scope", scope).increment();
            throw DependencyFailures.unavailable("The login rate limiter cannot count attempts");
        }
        long oldest = answer.get(1).toLong();
        if (oldest > 0) {
            metrics.counter("mobility.login.throttled", "scope", scope).increment();
            long retryAfter = Math.max(1, (oldest + WINDOW_MILLIS - now + 999) / 1000);
            throw new ProblemException(Problem.of(ProblemType.THROTTLED,
                    "Too many login attempts; try again in " + retryAfter + " s"),
                    Map.of("Retry-After", String.valueOf(retryAfter)));
        }
        return new Attempt(key, member);
    }
}
