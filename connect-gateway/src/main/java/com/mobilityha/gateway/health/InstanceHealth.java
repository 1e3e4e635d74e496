package com.mobilityha.gateway.health;

import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.instance.ConnectInstanceStates;
import com.mobilityha.common.instance.InstanceState;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.gateway.connect.ConnectCalls;
import com.mobilityha.gateway.connect.ConnectConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Probes every instance on a short schedule (in parallel, so a hanging instance delays no other);
 * each instance's {@link InstanceStateMachine} turns the results into this pod's view (UP,
 * DEGRADED, DOWN).
 * <p>
 * A cold pod is not a witness: at start-up each instance's probe path is warmed first
 * ({@link InstanceProber#warmUp}); until then probes do not count, the pod reports no view and
 * {@code /q/health/started} is DOWN. After that, every round reports this pod's view to the shared
 * state, which moves to DOWN only on a quorum ({@link ConnectInstanceStates}); the pod that wins a
 * transition fires {@link InstanceWentDown} or {@link InstanceCameBack}.
 */
@ApplicationScoped
public class InstanceHealth {
    private static final Logger LOG = Logger.getLogger(InstanceHealth.class);

    private final Map<String, Probe> probes = new LinkedHashMap<>();
    private final InstanceProber prober;
    private final ConnectCalls calls;
    private final ConnectInstanceStates shared;
    private final ConnectConfig.Health config;
    private final Event<InstanceWentDown> wentDown;
    private final Event<InstanceCameBack> cameBack;
    private final ExecutorService probing;

    InstanceHealth(CompanyDirectory companies, InstanceProber prober, ConnectCalls calls, ConnectInstanceStates shared,
                   ConnectConfig config, Event<InstanceWentDown> wentDown, Event<InstanceCameBack> cameBack,
                   MeterRegistry metrics) {
        this.wentDown = wentDown;
        this.cameBack = cameBack;
        this.prober = prober;
        this.calls = calls;
        this.shared = shared;
        this.config = config.health();
        companies.all().stream().flatMap(c -> c.connectInstances().stream())
                .forEach(instance -> probes.computeIfAbsent(instance.instanceId(), id -> new Probe(instance, this.config)));
        this.probing = Executors.newFixedThreadPool(Math.max(1, probes.size()), runnable -> {
            Thread thread = new Thread(runnable, "connect-probe");
            thread.setDaemon(true);
            return thread;
        });
        probes.values().forEach(probe -> {
            Gauge.builder("mobility.connect.instance.down", probe, p -> p.machine.state() == InstanceState.DOWN ? 1 : 0)
                    .tag("instance_id", probe.instance.instanceId()).tag("instance_role", probe.instance.role())
                    .description("1 while the Amazon Connect instance is DOWN").register(metrics);
            for (ProbeResult result : ProbeResult.values()) {
                probe.results.put(result, Counter.builder("mobility.connect.probes")
                        .tag("instance_id", probe.instance.instanceId()).tag("instance_role", probe.instance.role())
                        .tag("result", result.name().toLowerCase())
                        .description("Probes of an Amazon Connect instance by what they told").register(metrics));
            }
        });
    }

    /** Warms every instance's probe path in the background, each within the warm-up deadline. */
    void warmUp(@Observes StartupEvent start) {
        long deadline = System.nanoTime() + config.warmupDeadline().toNanos();
        probes.values().forEach(probe -> CompletableFuture.runAsync(() -> prober.warmUp(probe.instance, deadline), probing)
                .whenComplete((done, failure) -> probe.warmedUp()));
    }

    /** True once every instance's probe path is warm (or its warm-up gave up at the deadline). */
    public boolean warm() {
        return probes.values().stream().allMatch(Probe::warm);
    }

    @Scheduled(every = "${gateway.connect.health.probe-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void probeAll() {
        List<CompletableFuture<Void>> rounds = new ArrayList<>();
        for (Probe probe : probes.values()) {
            if (probe.warm()) {
                rounds.add(CompletableFuture.runAsync(() -> probe(probe), probing));
            }
        }
        CompletableFuture.allOf(rounds.toArray(CompletableFuture[]::new)).join();
    }

    /**
     * This site's view of an instance: what it can reach is what it routes to. (The shared state
     * decides which pod does a transition's duties, not where this pod's calls go.)
     */
    public InstanceState state(String instanceId) {
        Probe probe = probes.get(instanceId);
        if (probe == null) {
            return InstanceState.DOWN;
        }
        InstanceState probed = probe.machine.state();
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
        ProbeResult result = prober.probe(probe.instance);
        probe.results.get(result).increment();
        synchronized (probe) {
            probe.timed(result);
            InstanceStateMachine.Step step = probe.machine.probed(result,
                    calls.breakerState(probe.instance.instanceId()) == CircuitBreakerState.CLOSED);
            if (result == ProbeResult.INCONCLUSIVE || !probe.machine.witnessed()) {
                return; // no news: this pod's last view ages out instead of being kept fresh without evidence
            }
            if (step.recovered()) {
                calls.resetBreaker(probe.instance.instanceId());
            }
            if (step.changed()) {
                LOG.infof("Connect instance %s (%s): %s -> %s", probe.instance.instanceId(), probe.instance.role(),
                        step.from(), step.to());
            }
            report(probe, probe.machine.proposal());
        }
    }

    /** Reports this pod's view to the shared state with what it proposes, and does the duties of a transition it won. */
    private void report(Probe probe, InstanceState proposal) {
        boolean pastProbation = Duration.ofNanos(System.nanoTime() - probe.warmSince).compareTo(config.probation()) >= 0;
        try {
            ConnectInstanceStates.Vote vote = shared.vote(probe.instance.instanceId(), probe.machine.view(), proposal,
                    pastProbation, config.viewFreshness());
            probe.machine.reported(vote.shared());
            if (vote.won()) {
                announce(probe, vote);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Cannot share the state of instance %s: %s", probe.instance.instanceId(), e.getMessage());
        }
    }

    private void announce(Probe probe, ConnectInstanceStates.Vote vote) {
        InstanceRef instance = probe.instance;
        LOG.infof("Connect instance %s is %s for both sites (epoch %d)", instance.instanceId(), vote.shared(),
                vote.epoch());
        if (vote.shared() == InstanceState.DOWN) {
            wentDown.fireAsync(new InstanceWentDown(instance, vote.epoch(), probe.signSince(InstanceState.DOWN)));
        } else if (vote.previous() == InstanceState.DOWN) {
            cameBack.fireAsync(new InstanceCameBack(instance, vote.epoch(), probe.signSince(vote.shared())));
        }
    }

    /** Probe bookkeeping of one instance: its state machine, counters, warm-up and timings. */
    private static final class Probe {
        final InstanceRef instance;
        final InstanceStateMachine machine;
        final Map<ProbeResult, Counter> results = new EnumMap<>(ProbeResult.class);
        volatile boolean warm;
        /** When its warm-up ended (System.nanoTime). */
        volatile long warmSince;
        Instant lastAnswered;
        Instant answeringSince;

        Probe(InstanceRef instance, ConnectConfig.Health config) {
            this.instance = instance;
            this.machine = new InstanceStateMachine(config.downAfter(), config.upAfter());
        }

        boolean warm() {
            return warm;
        }

        void warmedUp() {
            warmSince = System.nanoTime();
            warm = true;
        }

        /** Notes when the instance last answered, and since when it answers again. */
        void timed(ProbeResult result) {
            Instant now = Instant.now();
            if (result == ProbeResult.ANSWERED) {
                answeringSince = answeringSince == null ? now : answeringSince;
                lastAnswered = now;
            } else if (result == ProbeResult.FAILED) {
                answeringSince = null;
            }
        }

        /** How long the sign that led to {@code next} took to show: silent since the last answer, or answering again since. */
        Duration signSince(InstanceState next) {
            Instant from = next == InstanceState.DOWN ? lastAnswered : answeringSince;
            return from == null ? null : Duration.between(from, Instant.now());
        }
    }
}
