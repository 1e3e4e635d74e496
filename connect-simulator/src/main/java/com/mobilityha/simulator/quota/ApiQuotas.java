package com.mobilityha.simulator.quota;

import com.mobilityha.simulator.instance.AwsError;
import com.mobilityha.simulator.seed.SimulatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Throttles the simulated Connect API as AWS does: per account, per Region and per operation, each
 * with its own token bucket, shared by every caller (all pods of both sites) and every instance of
 * that account in that Region. A call without a token answers HTTP 429 with the operation's
 * throttling error and no {@code Retry-After} (Connect sends none).
 */
@ApplicationScoped
public class ApiQuotas {
    private static final Logger LOG = Logger.getLogger(ApiQuotas.class);

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private volatile QuotaProfile profile;

    ApiQuotas(SimulatorConfig config) {
        use(QuotaProfile.load(config.quotas().profile()));
    }

    /** Takes one request of {@code operation} from the account's budget in the Region; false when it is used up. */
    public boolean tryTake(String accountId, String region, String operation) {
        OperationQuota quota = profile.of(operation);
        long now = System.nanoTime();
        return buckets.computeIfAbsent(accountId + "/" + region + "/" + operation,
                key -> new TokenBucket(quota.ratePerSecond(), quota.burst(), now)).tryTake(now);
    }

    /** What Connect answers a throttled call of {@code operation}: HTTP 429, its error type, no {@code Retry-After}. */
    public AwsError throttled(String operation) {
        return new AwsError(429, profile.of(operation).errorType(), "Rate exceeded");
    }

    /** Switches to another profile with full buckets (tests, benchmarks). */
    public void use(QuotaProfile next) {
        profile = next;
        buckets.clear();
        LOG.infof("Connect API quotas: profile %s", next.name());
    }

    public QuotaProfile profile() {
        return profile;
    }
}
