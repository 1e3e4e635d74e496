package com.mobilityha.login.login;

import com.mobilityha.common.problem.Problem;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import com.mobilityha.common.session.RedisKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Fixed one-minute windows of login attempts per client address and per user, in Redis (INCR, then
 * EXPIRE on the first hit), shared by both sites. Over the limit: a 429 {@code throttled} problem
 * with {@code Retry-After} until the window ends. If Redis does not answer, logins are not refused for it.
 */
@ApplicationScoped
public class LoginRateLimiter {
    private static final Logger LOG = Logger.getLogger(LoginRateLimiter.class);
    private static final long WINDOW_SECONDS = 60;

    private final RedisDataSource redis;
    private final ValueCommands<String, Long> counters;
    private final RateLimitSettings settings;
    private final MeterRegistry metrics;

    LoginRateLimiter(RedisDataSource redis, RateLimitSettings settings, MeterRegistry metrics) {
        this.redis = redis;
        this.counters = redis.value(Long.class);
        this.settings = settings;
        this.metrics = metrics;
    }

    /** Counts an attempt from this client address. */
    public void address(String clientAddress) {
        count("address", clientAddress, settings.perAddress());
    }

    /** Counts a password attempt for this user of the company. */
    public void user(String companyCode, String username) {
        count("user", companyCode.toLowerCase(Locale.ROOT) + ":" + username.toLowerCase(Locale.ROOT),
                settings.perUser());
    }

    private void count(String scope, String subject, int limit) {
        long now = Instant.now().getEpochSecond();
        long window = now / WINDOW_SECONDS;
        String key = RedisKeys.loginAttempts(scope, subject, window);
        long attempts;
        try {
            attempts = counters.incr(key);
            if (attempts == 1) {
                redis.key().expire(key, WINDOW_SECONDS * 2);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Login attempts not counted (%s): %s", scope, e.getMessage());
            return;
        }
        if (attempts > limit) {
            metrics.counter("mobility.login.throttled", "scope", scope).increment();
            long retryAfter = Math.max(1, (window + 1) * WINDOW_SECONDS - now);
            throw new ProblemException(Problem.of(ProblemType.THROTTLED,
                    "Too many login attempts; try again in " + retryAfter + " s"),
                    Map.of("Retry-After", String.valueOf(retryAfter)));
        }
    }
}
