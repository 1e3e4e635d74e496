package com.mobilityha.gateway.connect;

import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.gateway.budget.ConnectBudget;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every Connect call spends from the account's shared API budget ({@link ConnectBudget}: agent-facing
 * calls first) and goes through its instance's guard: one circuit breaker and one bulkhead per
 * instance (not per method), so that a sick instance is cut off for every operation at once.
 * Idempotent reads are also retried with jittered backoff on instance failures and throttling, each
 * attempt paying its token; writes never are. A 429 from Connect empties the budget's bucket for
 * every pod. The SDK itself does not retry (see {@link ConnectClients}).
 */
@ApplicationScoped
public class ConnectCalls {
    private final Map<String, Guard> guards = new HashMap<>();
    private final Map<String, Guard> readRetries = new HashMap<>();
    private final ConnectBudget budget;

    ConnectCalls(CompanyDirectory companies, ConnectConfig config, ConnectBudget budget) {
        this.budget = budget;
        ConnectConfig.Guard settings = config.guard();
        companies.all().stream().flatMap(c -> c.connectInstances().stream()).map(InstanceRef::instanceId).distinct()
                .forEach(id -> {
                    guards.put(id, Guard.create()
                            .withDescription("Amazon Connect instance " + id)
                            .withBulkhead().limit(settings.maxConcurrentCalls()).enableSynchronousQueueing()
                                .queueSize(settings.maxConcurrentCalls() * 4).done()
                            .withCircuitBreaker().name(breakerName(id))
                                .requestVolumeThreshold(settings.requestVolumeThreshold())
                                .failureRatio(settings.failureRatio())
                                .delay(settings.openDelay().toMillis(), ChronoUnit.MILLIS)
                                .when(ConnectErrors::isInstanceFailure).done()
                            .build());
                    readRetries.put(id, Guard.create()
                            .withRetry().maxRetries(settings.readRetries())
                                .delay(settings.readRetryDelay().toMillis(), ChronoUnit.MILLIS)
                                .jitter(settings.readRetryDelay().toMillis() / 2, ChronoUnit.MILLIS)
                                .whenException(e -> ConnectErrors.isInstanceFailure(e) || ConnectErrors.isThrottling(e))
                                .done()
                            .build());
                });
    }

    /** An agent's idempotent read: budgeted, guarded and retried. */
    public <T> T read(InstanceRef instance, String operation, Supplier<T> call) {
        return run(instance, operation, () -> readRetries.get(instance.instanceId()).get(() -> {
            budget.spendForAgent(instance, operation);
            return attempt(instance, operation, call);
        }, Object.class));
    }

    /** An agent's write: budgeted, guarded, never retried. */
    public <T> T write(InstanceRef instance, String operation, Supplier<T> call) {
        return run(instance, operation, () -> {
            budget.spendForAgent(instance, operation);
            return attempt(instance, operation, call);
        });
    }

    /**
     * The gateway's own idempotent read (fail-back checks, reconciliation): only from what the budget
     * leaves above the agents' reserve, else a {@code throttled} problem (the caller tries next round).
     */
    public <T> T readInBackground(InstanceRef instance, String operation, Supplier<T> call) {
        return run(instance, operation, () -> {
            if (!budget.spendInBackground(instance, operation)) {
                throw new ProblemException(ProblemType.THROTTLED,
                        "Background " + operation + " deferred: the Connect API budget is kept for agents");
            }
            return attempt(instance, operation, call);
        });
    }

    /**
     * Runs a health probe through the instance's breaker, so that a good probe closes a breaker that
     * no traffic would otherwise trial; failures are thrown as they are (no problem translation).
     */
    public void trial(InstanceRef instance, Supplier<?> probe) {
        guarded(instance, probe);
    }

    /** The breaker state of an instance (CLOSED, OPEN, HALF_OPEN). */
    public CircuitBreakerState breakerState(String instanceId) {
        return CircuitBreakerMaintenance.get().currentState(breakerName(instanceId));
    }

    /**
     * Forgets the failures an instance's breaker remembers: called when the probe has seen the
     * instance healthy again after DOWN, so that failures from before the outage, still in a closed
     * breaker's window, cannot open it at the first calls after recovery.
     */
    public void resetBreaker(String instanceId) {
        CircuitBreakerMaintenance.get().reset(breakerName(instanceId));
    }

    @SuppressWarnings("unchecked")
    private <T> T run(InstanceRef instance, String operation, Supplier<Object> call) {
        try {
            return (T) call.get();
        } catch (RuntimeException e) {
            throw ConnectErrors.translate(instance, operation, e);
        }
    }

    /** One guarded attempt; a 429 from Connect empties the shared bucket, so that every pod backs off. */
    private Object attempt(InstanceRef instance, String operation, Supplier<?> call) {
        try {
            return guarded(instance, call);
        } catch (RuntimeException e) {
            if (ConnectErrors.isThrottling(e)) {
                budget.throttledByConnect(instance, operation);
            }
            throw e;
        }
    }

    private Object guarded(InstanceRef instance, Supplier<?> call) {
        Guard guard = guards.get(instance.instanceId());
        if (guard == null) {
            throw new IllegalStateException("No guard for instance " + instance.instanceId());
        }
        return guard.get(call::get, Object.class);
    }

    private static String breakerName(String instanceId) {
        return "connect-" + instanceId;
    }
}
