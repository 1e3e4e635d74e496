package com.mobilityha.gateway.budget;

import com.mobilityha.common.problem.Problem;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The account's Amazon Connect API budget, shared by every gateway pod of both sites: one token
 * bucket per account, Region and operation in Redis, refilled at the operation's rate up to its burst (both
 * less a headroom), as Amazon Connect itself throttles. One Redis round trip per call.
 * <ul>
 *   <li>An agent-facing call takes a token even when the bucket is short by up to what refills
 *       within {@link BudgetConfig#agentMaxWait()} (a reservation: the bucket goes negative) and waits
 *       for it; beyond that it is refused with {@code 429} and a {@code Retry-After} saying when a token
 *       will be there. Waiters are served in the order they reserved, across all pods.</li>
 *   <li>A background call takes a token only while the bucket keeps the agents' reserve after it, and
 *       never waits.</li>
 *   <li>A 429 from Connect itself (the account is busier than budgeted: other tools, a lower quota)
 *       empties the bucket for every pod.</li>
 * </ul>
 * Redis trouble does not stop agents: the call goes to Connect unbudgeted (its 429s are still handled).
 */
@ApplicationScoped
public class ConnectBudget {
    private static final Logger LOG = Logger.getLogger(ConnectBudget.class);
    private static final long WARN_EVERY_MILLIS = 10_000;

    /**
     * KEYS: bucket. ARGV: rate (tokens per second), burst, floor (the lowest the bucket may be left at:
     * negative for agents' reservations, the reserve for background work).
     * Returns {1, ms to wait for the token taken} or {0, ms until a take would fit}.
     */
    private static final String TAKE = """
            local clock = redis.call('TIME')
            local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
            local perMs = tonumber(ARGV[1]) / 1000
            local burst = tonumber(ARGV[2])
            local floor = tonumber(ARGV[3])
            local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(bucket[1]) or burst
            local at = tonumber(bucket[2]) or now
            tokens = math.min(burst, tokens + math.max(0, now - at) * perMs)
            local left = tokens - 1
            if left < floor then
              return {0, math.ceil((floor - left) / perMs)}
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(left), 'at', now)
            redis.call('PEXPIRE', KEYS[1], math.ceil((burst - left) / perMs) + 1000)
            if left >= 0 then return {1, 0} end
            return {1, math.ceil(-left / perMs)}""";

    /** KEYS: bucket. ARGV: rate, burst. Empties the bucket (keeping reservations already made). */
    private static final String EMPTY = """
            local clock = redis.call('TIME')
            local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
            local tokens = tonumber(redis.call('HGET', KEYS[1], 'tokens')) or 0
            redis.call('HSET', KEYS[1], 'tokens', tostring(math.min(tokens, 0)), 'at', now)
            redis.call('PEXPIRE', KEYS[1], math.ceil(tonumber(ARGV[2]) * 1000 / tonumber(ARGV[1])) + 1000)
            return 1""";

    private final RedisDataSource redis;
    private final BudgetConfig config;
    private final MeterRegistry metrics;
    private final SpendableRateGauges rates;
    private final AtomicLong lastWarning = new AtomicLong();

    ConnectBudget(RedisDataSource redis, BudgetConfig config, MeterRegistry metrics) {
        this.redis = redis;
        this.config = config;
        this.metrics = metrics;
        this.rates = new SpendableRateGauges(metrics, this::spendableRate);
    }

    /**
     * Takes a token of {@code operation} on the instance's account and Region for an agent-facing call,
     * waiting for its turn if it has one soon; else a {@code 429 throttled} problem with Retry-After.
     */
    public void spendForAgent(InstanceRef instance, String operation) {
        if (!config.enabled()) {
            return;
        }
        BudgetConfig.Quota quota = config.quota(operation);
        double floor = -spendable(quota) * config.agentMaxWait().toMillis() / 1000.0;
        Take taken = take(instance, operation, quota, floor);
        if (!taken.granted()) {
            count(operation, Priority.AGENT, "refused");
            long retryAfter = Math.max(1, TimeUnit.MILLISECONDS.toSeconds(taken.waitMillis() + 999));
            throw new ProblemException(Problem.of(ProblemType.THROTTLED, "The Amazon Connect API budget for "
                    + operation + " is used up; retry in " + retryAfter + " s"), Map.of("Retry-After",
                    Long.toString(retryAfter)));
        }
        count(operation, Priority.AGENT, taken.waitMillis() > 0 ? "waited" : "granted");
        if (taken.waitMillis() > 0) {
            sleep(taken.waitMillis());
        }
    }

    /**
     * Takes a token for background work if the agents' reserve stays whole (operations agents never call
     * keep none); false means skip it this time.
     */
    public boolean spendInBackground(InstanceRef instance, String operation) {
        if (!config.enabled()) {
            return true;
        }
        BudgetConfig.Quota quota = config.quota(operation);
        double reserve = config.backgroundOperations().contains(operation) ? 0
                : spendableBurst(quota) * config.backgroundReserve();
        boolean granted = take(instance, operation, quota, reserve).granted();
        count(operation, Priority.BACKGROUND, granted ? "granted" : "refused");
        return granted;
    }

    /** Connect answered 429: the account is busier than budgeted, so every pod waits for the bucket to refill. */
    public void throttledByConnect(InstanceRef instance, String operation) {
        metrics.counter("mobility.connect.throttled", "operation", operation).increment();
        if (!config.enabled()) {
            return;
        }
        BudgetConfig.Quota quota = config.quota(operation);
        try {
            redis.execute("EVAL", EMPTY, "1", key(instance, operation), Double.toString(spendable(quota)),
                    Double.toString(spendableBurst(quota)));
        } catch (RuntimeException e) {
            warn(operation, e);
        }
    }

    /** A take's outcome: granted (then wait this long for the token) or refused (a take would fit in this long). */
    private record Take(boolean granted, long waitMillis) {
    }

    private Take take(InstanceRef instance, String operation, BudgetConfig.Quota quota, double floor) {
        try {
            Response answer = redis.execute("EVAL", TAKE, "1", key(instance, operation),
                    Double.toString(spendable(quota)), Double.toString(spendableBurst(quota)), Double.toString(floor));
            return new Take(answer.get(0).toLong() == 1, answer.get(1).toLong());
        } catch (RuntimeException e) {
            warn(operation, e);
            return new Take(true, 0);
        }
    }

    /** The quota of an operation as configured (requests per second and burst). */
    public BudgetConfig.Quota quota(String operation) {
        return config.quota(operation);
    }

    /** The rate at which the gateway spends an operation: its quota's, less the headroom. */
    public double spendableRate(String operation) {
        return spendable(config.quota(operation));
    }

    /** How many calls of an operation the gateway sends at once from a full bucket: its burst, less the headroom. */
    public int spendableAtOnce(String operation) {
        return (int) spendableBurst(config.quota(operation));
    }

    /** The rate the gateway spends at: the quota's, less the headroom. */
    private double spendable(BudgetConfig.Quota quota) {
        return quota.rate() * config.headroom();
    }

    /**
     * The bucket's size: the quota's burst less the headroom. Connect's bucket refills from when calls reach it,
     * the gateway's from when it grants them; what the gateway keeps back lets calls granted together reach
     * Connect spread by up to this share of the burst over the rate (0.25 s on AWS's defaults) and still find
     * Connect's bucket refilled.
     */
    private double spendableBurst(BudgetConfig.Quota quota) {
        return quota.burst() * config.headroom();
    }

    private String key(InstanceRef instance, String operation) {
        return RedisKeys.connectBudget(config.accountId(), instance.region(), operation);
    }

    private void count(String operation, Priority priority, String outcome) {
        rates.spent(operation);
        metrics.counter("mobility.connect.budget", "operation", operation,
                "priority", priority.name().toLowerCase(), "outcome", outcome).increment();
    }

    private void warn(String operation, RuntimeException e) {
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last > WARN_EVERY_MILLIS && lastWarning.compareAndSet(last, now)) {
            LOG.warnf("Connect API budget unreadable (%s); %s goes to Connect unbudgeted", e.getMessage(), operation);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(ProblemType.THROTTLED, "Interrupted while waiting for the Connect API budget");
        }
    }
}
