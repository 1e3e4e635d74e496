package com.mobilityha.gateway.health;

import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.gateway.connect.ConnectCalls;
import com.mobilityha.gateway.connect.ConnectClients;
import com.mobilityha.gateway.connect.ConnectConfig;
import com.mobilityha.gateway.connect.ConnectErrors;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Probes every instance on a short schedule (DescribeInstance with a tight timeout, in parallel, so
 * a hanging instance delays no other) and combines the probe with the instance's circuit breaker:
 * DOWN after {@code down-after} failed probes, UP again after {@code up-after} good ones, DEGRADED
 * while the breaker is not closed. Transitions go to the shared state in Redis.
 */
@ApplicationScoped
public class InstanceHealth {
    private static final Logger LOG = Logger.getLogger(InstanceHealth.class);

    private final Map<String, Probe> probes = new LinkedHashMap<>();
    private final ConnectClients clients;
    private final ConnectCalls calls;
    private final SharedInstanceStates shared;
    private final ConnectConfig.Health config;
    private final Event<InstanceWentDown> wentDown;
    private final Event<InstanceCameBack> cameBack;
    private final ExecutorService probing;

    InstanceHealth(CompanyDirectory companies, ConnectClients clients, ConnectCalls calls, SharedInstanceStates shared,
                   ConnectConfig config, Event<InstanceWentDown> wentDown, Event<InstanceCameBack> cameBack,
                   MeterRegistry metrics) {
        this.wentDown = wentDown;
        this.cameBack = cameBack;
        this.clients = clients;
        this.calls = calls;
        this.shared = shared;
        this.config = config.health();
        companies.all().stream().flatMap(c -> c.connectInstances().stream())
                .forEach(instance -> probes.computeIfAbsent(instance.instanceId(), id -> new Probe(instance)));
        this.probing = Executors.newFixedThreadPool(Math.max(1, probes.size()), runnable -> {
            Thread thread = new Thread(runnable, "connect-probe");
            thread.setDaemon(true);
            return thread;
        });
        probes.values().forEach(probe -> Gauge.builder("mobility.connect.instance.down", probe,
                        p -> p.state == InstanceState.DOWN ? 1 : 0)
                .tag("instance_id", probe.instance.instanceId()).tag("instance_role", probe.instance.role())
                .description("1 while the Amazon Connect instance is DOWN").register(metrics));
    }

    @Scheduled(every = "${gateway.connect.health.probe-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void probeAll() {
        List<CompletableFuture<Void>> rounds = new ArrayList<>();
        for (Probe probe : probes.values()) {
            rounds.add(CompletableFuture.runAsync(() -> probe(probe), probing));
        }
        CompletableFuture.allOf(rounds.toArray(CompletableFuture[]::new)).join();
    }

    /**
     * This site's view of an instance: what it can reach is what it routes to. (The shared state
     * decides which site does a transition's duties, not where this site's calls go.)
     */
    public InstanceState state(String instanceId) {
        Probe probe = probes.get(instanceId);
        if (probe == null) {
            return InstanceState.DOWN;
        }
        InstanceState probed = probe.state;
        return probed == InstanceState.UP && calls.breakerState(instanceId) != CircuitBreakerState.CLOSED
                ? InstanceState.DEGRADED : probed;
    }

    /** Every probed instance and its state. */
    public Map<InstanceRef, InstanceState> states() {
        Map<InstanceRef, InstanceState> states = new LinkedHashMap<>();
        probes.values().forEach(p -> states.put(p.instance, state(p.instance.instanceId())));
        return states;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        probing.shutdownNow();
        probing.awaitTermination(2, TimeUnit.SECONDS);
    }

    private void probe(Probe probe) {
        Boolean answered = answers(probe.instance);
        synchronized (probe) {
            if (answered != null) {
                probe.failures = answered ? 0 : probe.failures + 1;
                probe.successes = answered ? probe.successes + 1 : 0;
                probe.answered(answered);
            }
            InstanceState next = next(probe);
            if (probe.state == InstanceState.DOWN && next != InstanceState.DOWN) {
                calls.resetBreaker(probe.instance.instanceId());
                next = InstanceState.UP;
            }
            if (!probe.shared) {
                probe.shared = share(probe.instance, next);
            }
            if (next != probe.state) {
                LOG.infof("Connect instance %s (%s): %s -> %s", probe.instance.instanceId(), probe.instance.role(),
                        probe.state, next);
                probe.state = next;
                record(probe.instance, next, probe.signSince(next));
            }
        }
    }

    private InstanceState next(Probe probe) {
        if (probe.failures >= config.downAfter()
                || probe.state == InstanceState.DOWN && probe.successes < config.upAfter()) {
            return InstanceState.DOWN;
        }
        CircuitBreakerState breaker = calls.breakerState(probe.instance.instanceId());
        return breaker == CircuitBreakerState.CLOSED ? InstanceState.UP : InstanceState.DEGRADED;
    }

    /**
     * True when the instance answered, false when it failed like a sick instance, null when the
     * breaker is open and refused the probe (no news: the next probe after its delay will tell).
     */
    private Boolean answers(InstanceRef instance) {
        Supplier<Object> describe = () -> clients.of(instance).describeInstance(r -> r.instanceId(instance.instanceId())
                .overrideConfiguration(o -> o.apiCallTimeout(config.probeTimeout())
                        .apiCallAttemptTimeout(config.probeTimeout())));
        try {
            if (calls.breakerState(instance.instanceId()) == CircuitBreakerState.CLOSED) {
                describe.get();
            } else {
                calls.trial(instance, describe);
            }
            return true;
        } catch (CircuitBreakerOpenException e) {
            return null;
        } catch (RuntimeException e) {
            return !ConnectErrors.isInstanceFailure(e);
        }
    }

    private boolean share(InstanceRef instance, InstanceState state) {
        try {
            shared.initialize(instance.instanceId(), state);
            return true;
        } catch (RuntimeException e) {
            LOG.debugf("Cannot share the first state of instance %s yet: %s", instance.instanceId(), e.getMessage());
            return false;
        }
    }

    private void record(InstanceRef instance, InstanceState state, Duration detection) {
        try {
            SharedInstanceStates.Transition transition = shared.transition(instance.instanceId(), state);
            if (transition.won()) {
                LOG.infof("Connect instance %s is %s for both sites (epoch %d)", instance.instanceId(), state,
                        transition.epoch());
                if (state == InstanceState.DOWN) {
                    wentDown.fireAsync(new InstanceWentDown(instance, transition.epoch(), detection));
                } else if (transition.previous() == InstanceState.DOWN) {
                    cameBack.fireAsync(new InstanceCameBack(instance, transition.epoch(), detection));
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Cannot share the state of instance %s: %s", instance.instanceId(), e.getMessage());
        }
    }

    /** Probe bookkeeping of one instance. */
    private static final class Probe {
        final InstanceRef instance;
        volatile InstanceState state = InstanceState.UP;
        int failures;
        int successes;
        boolean shared;
        Instant lastAnswered;
        Instant answeringSince;

        Probe(InstanceRef instance) {
            this.instance = instance;
        }

        void answered(boolean answered) {
            Instant now = Instant.now();
            if (answered) {
                answeringSince = lastAnswered == null || successes == 1 ? now : answeringSince;
                lastAnswered = now;
            }
        }

        /** How long the sign that led to {@code next} took to show: silent since the last answer, or answering again since. */
        Duration signSince(InstanceState next) {
            Instant from = next == InstanceState.DOWN ? lastAnswered : answeringSince;
            return from == null ? null : Duration.between(from, Instant.now());
        }
    }
}
