package com.mobilityha.gateway.connect;

import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every Connect call goes through its instance's guard: one circuit breaker and one bulkhead per
 * instance (not per method), so that a sick instance is cut off for every operation at once.
 * Idempotent reads are also retried with jittered backoff on instance failures and throttling;
 * writes never are. The SDK itself does not retry (see {@link ConnectClients}).
 */
@ApplicationScoped
public class ConnectCalls {
    private final Map<String, Guard> guards = new HashMap<>();
    private final Map<String, Guard> readRetries = new HashMap<>();

    ConnectCalls(CompanyDirectory companies, ConnectConfig config) {
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

    /** An idempotent read: guarded and retried. */
    public <T> T read(InstanceRef instance, String operation, Supplier<T> call) {
        return run(instance, operation, () -> readRetries.get(instance.instanceId())
                .get(() -> guarded(instance, call), Object.class));
    }

    /** A write: guarded, never retried. */
    public <T> T write(InstanceRef instance, String operation, Supplier<T> call) {
        return run(instance, operation, () -> guarded(instance, call));
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
