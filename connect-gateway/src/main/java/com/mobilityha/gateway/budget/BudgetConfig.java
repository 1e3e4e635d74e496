package com.mobilityha.gateway.budget;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The account's Amazon Connect API quotas as the gateway budgets them. Set them to what the account
 * really has (Service Quotas console, service "Amazon Connect"): the defaults are AWS's defaults.
 */
@ConfigMapping(prefix = "gateway.budget")
public interface BudgetConfig {

    /** False turns budgeting off (every call goes straight to Connect, whose 429s still back off). */
    @WithDefault("true")
    boolean enabled();

    /**
     * The AWS account of the gateway's credentials (one account per deployment: quotas are per account
     * and Region, so two deployments on one account must share this id and a Redis).
     */
    @WithDefault("default")
    String accountId();

    /**
     * Share of each quota's rate and burst the gateway spends: the rest absorbs how unevenly calls reach Connect
     * (calls granted together or a token's refill apart get there spread by the network and the pods' own
     * delays, and Connect's bucket refills from their arrival) and the account's other API users.
     */
    @WithDefault("0.9")
    double headroom();

    /** How long an agent-facing call may wait for its turn before the app is told 429 with Retry-After. */
    @WithDefault("1s")
    Duration agentMaxWait();

    /** Share of each bucket's burst that background work leaves to agent-facing calls. */
    @WithDefault("0.6")
    double backgroundReserve();

    /** Operations only background work calls (probes): no reserve is kept for agents in their buckets. */
    @WithDefault("DescribeInstance")
    Set<String> backgroundOperations();

    /** Quota of every operation not listed in {@link #operations()}: AWS's default, 2 requests/s, burst 5. */
    Quota defaults();

    /** Quotas of single operations, by operation name (e.g. {@code DescribeUser}). */
    Map<String, Quota> operations();

    /** One operation's quota: steady rate and burst (the bucket's size). */
    interface Quota {
        @WithDefault("2")
        double rate();

        @WithDefault("5")
        int burst();
    }

    /**
     * The quota of an operation; its name is matched ignoring case, as environment variables
     * ({@code GATEWAY_BUDGET_OPERATIONS_PUTUSERSTATUS_RATE}) give it.
     */
    default Quota quota(String operation) {
        return Optional.ofNullable(operations().get(operation))
                .or(() -> operations().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(operation))
                        .map(Map.Entry::getValue).findFirst())
                .orElse(defaults());
    }
}
