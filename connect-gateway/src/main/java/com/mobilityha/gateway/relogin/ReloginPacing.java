package com.mobilityha.gateway.relogin;

import com.mobilityha.gateway.agent.AgentService;
import com.mobilityha.gateway.budget.ConnectBudget;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * How long a RELOGIN wave must last for its logins to reach Amazon Connect at the rate the account's
 * quotas accept: the wave's agents beyond what the buckets hold at once (the smallest burst among the
 * operations a login spends), divided by the slowest rate among them, both as budgeted (headroom included),
 * in the Region of the instance they sign in to. A wave that fits in a second goes at once.
 */
@ApplicationScoped
public class ReloginPacing {
    private static final Duration AT_ONCE = Duration.ofSeconds(1);

    private final ConnectBudget budget;

    ReloginPacing(ConnectBudget budget) {
        this.budget = budget;
    }

    /**
     * The window over which {@code agents} sign in to instances of one Region (quotas are per account and
     * Region); null when they may all sign in at once.
     */
    public Duration window(int agents) {
        double perSecond = AgentService.LOGIN_OPERATIONS.stream().mapToDouble(budget::spendableRate).min()
                .orElse(Double.MAX_VALUE);
        int atOnce = AgentService.LOGIN_OPERATIONS.stream().mapToInt(budget::spendableAtOnce).min().orElse(0);
        Duration window = Duration.ofMillis((long) Math.ceil(Math.max(0, agents - atOnce) * 1000 / perSecond));
        return window.compareTo(AT_ONCE) <= 0 ? null : window;
    }
}
