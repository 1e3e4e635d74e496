package com.mobilityha.gateway.health;

import com.mobilityha.common.company.Company;
import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.instance.ConnectInstanceStates;
import com.mobilityha.common.instance.InstanceState;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.gateway.budget.ConnectBudget;
import com.mobilityha.gateway.connect.ConnectCalls;
import com.mobilityha.gateway.connect.ConnectConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Watches every instance on a short tick (in parallel, so a hanging instance delays no other) and
 * probes it within the account's Connect API budget: one pod per site probes it ({@link ProbeLeases}),
 * so that each site learns of its own link to the instance. While all is calm the sites' probers
 * together probe it as often as {@code calm-budget-share} of DescribeInstance's quota allows for the
 * instances of its Region, each site at its own phase of the interval, so that their probes
 * interleave; while it is in doubt (any pod's fresh view is not UP, it is DOWN, or this pod's calls to
 * it fail) every site's prober probes it every tick, so that both sites have their say.
 * Each probing pod's {@link InstanceStateMachine} turns its results into its view (UP, DEGRADED,
 * DOWN); a pod that does not probe goes by the freshest view of its own site, else of the other
 * site, else the shared state.
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

    private final Map<String, WatchedInstance> probes = new LinkedHashMap<>();
    private final InstanceProber prober;
    private final ConnectCalls calls;
    private final ConnectInstanceStates shared;
    private final ConnectConfig.Health config;
    private final Event<InstanceWentDown> wentDown;
    private final Event<InstanceCameBack> cameBack;
    private final ExecutorService probing;
    private final ProbeLeases leases;
    private final Duration tick;
    /** Every mobility site of the configured companies: a live one must see an instance failing before it is DOWN. */
    private final List<String> sites;

    InstanceHealth(CompanyDirectory companies, InstanceProber prober, ConnectCalls calls, ConnectInstanceStates shared,
                   ConnectConfig config, Event<InstanceWentDown> wentDown, Event<InstanceCameBack> cameBack,
                   MeterRegistry metrics, ProbeLeases leases, ConnectBudget budget) {
        this.leases = leases;
        this.tick = DurationConverter.parseDuration(config.health().probeInterval());
        this.wentDown = wentDown;
        this.cameBack = cameBack;
        this.prober = prober;
        this.calls = calls;
        this.shared = shared;
        this.config = config.health();
        this.sites = companies.all().stream().flatMap(c -> c.mobilityServers().stream())
                .map(Company.MobilityServer::role).distinct().sorted().toList();
        int probers = Math.max(1, sites.size());
        int phase = Math.max(0, sites.indexOf(shared.site()));
        List<InstanceRef> instances = companies.all().stream().flatMap(c -> c.connectInstances().stream())
                .filter(distinctById()).toList();
        double probeRate = budget.quota(InstanceProber.OPERATION).rate();
        for (InstanceRef instance : instances) {
            long inRegion = instances.stream().filter(i -> i.region().equals(instance.region())).count();
            Duration calm = calmInterval(tick, this.config.calmBudgetShare(), probeRate, inRegion * probers);
            Duration fresh = max(this.config.viewFreshness(), calm.multipliedBy(2).plus(tick));
            Duration offset = calm.multipliedBy(phase).dividedBy(probers);
            probes.put(instance.instanceId(), new WatchedInstance(instance, this.config, calm, offset, fresh));
            LOG.infof("Connect instance %s (%s): probed by each site every %d ms while calm, this site %d ms into"
                    + " each interval (%d instance(s) in %s probed by %d site(s) share %.0f %% of %.1f"
                    + " DescribeInstance/s), every %d ms while in doubt; views count for %d ms", instance.instanceId(),
                    instance.role(), calm.toMillis(), offset.toMillis(), inRegion, instance.region(), probers,
                    this.config.calmBudgetShare() * 100, probeRate, tick.toMillis(), fresh.toMillis());
        }
        this.probing = Executors.newFixedThreadPool(Math.max(1, probes.size()), runnable -> {
            Thread thread = new Thread(runnable, "connect-probe");
            thread.setDaemon(true);
            return thread;
        });
        probes.values().forEach(probe -> {
            Gauge.builder("mobility.connect.instance.probing", probe, p -> p.probing ? 1 : 0)
                    .tag("instance_id", probe.instance.instanceId()).tag("instance_role", probe.instance.role())
                    .description("1 while this pod is the one of its site probing the instance")
                    .register(metrics);
            Gauge.builder("mobility.connect.instance.down", probe,
                            p -> state(p.instance.instanceId()) == InstanceState.DOWN ? 1 : 0)
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
        return probes.values().stream().allMatch(WatchedInstance::warm);
    }

    @Scheduled(every = "${gateway.connect.health.probe-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void probeAll() {
        List<CompletableFuture<Void>> rounds = new ArrayList<>();
        for (WatchedInstance probe : probes.values()) {
            if (probe.warm()) {
                rounds.add(CompletableFuture.runAsync(() -> watch(probe), probing));
            }
        }
        CompletableFuture.allOf(rounds.toArray(CompletableFuture[]::new)).join();
    }

    /**
     * This site's view of an instance: what it can reach is what it routes to. (The shared state
     * decides which pod does a transition's duties, not where this pod's calls go.)
     */
    public InstanceState state(String instanceId) {
        WatchedInstance probe = probes.get(instanceId);
        if (probe == null) {
            return InstanceState.DOWN;
        }
        InstanceState seen = probe.reportedWithin(probe.fresh) ? probe.machine.state() : probe.followed;
        return seen == InstanceState.UP && calls.breakerState(instanceId) != CircuitBreakerState.CLOSED
                ? InstanceState.DEGRADED : seen;
    }

    /**
     * Another site that reaches the instance while this site cannot: this pod, the site's prober of it
     * (so that one pod per site acts on it), holds it DOWN by its own probes and has had no answer since,
     * the shared state is not DOWN, and a pod of the other site reported it UP <em>since</em> this pod
     * found it DOWN, so the instance answered them after it stopped answering here. (An UP view from
     * before, still fresh, is no such evidence: an instance that just died looks like that for a moment.
     * Probes that timed out while this JVM stood still neither confirm nor clear the DOWN.) Empty otherwise.
     */
    public Optional<String> reachedOnlyElsewhere(String instanceId) {
        WatchedInstance probe = probes.get(instanceId);
        if (probe == null || !probe.probing) {
            return Optional.empty();
        }
        long downSince;
        synchronized (probe) {
            downSince = probe.downSince;
            if (downSince == 0 || probe.answeringSince != null) {
                return Optional.empty();
            }
        }
        long downForMillis = (System.nanoTime() - downSince) / 1_000_000;
        ConnectInstanceStates.Observation seen = shared.observe(instanceId, probe.fresh);
        if (seen.shared() == InstanceState.DOWN) {
            return Optional.empty();
        }
        return seen.views().values().stream()
                .filter(v -> !v.site().equals(shared.site()) && v.view().equals(InstanceState.UP.name())
                        && v.ageMillis() < downForMillis)
                .map(ConnectInstanceStates.PodView::site).findFirst();
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
        for (WatchedInstance probe : probes.values()) {
            try {
                leases.releaseProbing(probe.instance.instanceId(), shared.site(), shared.pod());
            } catch (RuntimeException e) {
                LOG.debugf("Probe leases of %s not released: %s", probe.instance.instanceId(), e.getMessage());
            }
        }
    }

    /** One tick of an instance: read what the pods see, decide whether this pod probes now, probe if so. */
    private void watch(WatchedInstance probe) {
        String instanceId = probe.instance.instanceId();
        boolean probeNow;
        try {
            ConnectInstanceStates.Observation seen = shared.observe(instanceId, probe.fresh);
            probe.follow(seen, shared.site());
            probe.probing = leases.holdProbing(instanceId, shared.site(), shared.pod(), tick.multipliedBy(3));
            probeNow = probe.probing && (inDoubt(probe, seen) || probe.calmProbeDue());
        } catch (RuntimeException e) {
            // Redis unreadable: no coordination and no sharing; probe on the calm schedule alone.
            probe.probing = true;
            probeNow = probe.calmProbeDue();
        }
        if (probeNow) {
            probe(probe);
        }
    }

    /** Something is or may be wrong with the instance: every site probes it now. */
    private boolean inDoubt(WatchedInstance probe, ConnectInstanceStates.Observation seen) {
        return seen.shared() == InstanceState.DOWN
                || seen.views().values().stream().anyMatch(ConnectInstanceStates.PodView::alarming)
                || calls.breakerState(probe.instance.instanceId()) != CircuitBreakerState.CLOSED
                || (probe.reportedWithin(probe.fresh) && !probe.machine.view().equals(InstanceState.UP.name()));
    }

    private void probe(WatchedInstance probe) {
        ProbeResult result = prober.probe(probe.instance);
        probe.probed();
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
                probe.downSince = step.to() == InstanceState.DOWN ? System.nanoTime() : 0;
                LOG.infof("Connect instance %s (%s): %s -> %s", probe.instance.instanceId(), probe.instance.role(),
                        step.from(), step.to());
            }
            report(probe, probe.machine.proposal());
        }
    }

    /** Reports this pod's view to the shared state with what it proposes, and does the duties of a transition it won. */
    private void report(WatchedInstance probe, InstanceState proposal) {
        boolean pastProbation = Duration.ofNanos(System.nanoTime() - probe.warmSince).compareTo(config.probation()) >= 0;
        try {
            ConnectInstanceStates.Vote vote = shared.vote(probe.instance.instanceId(), probe.machine.view(), proposal,
                    pastProbation, probe.fresh, sites);
            probe.machine.reported(vote.shared());
            probe.reported();
            if (vote.won()) {
                announce(probe, vote);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Cannot share the state of instance %s: %s", probe.instance.instanceId(), e.getMessage());
        }
    }

    private void announce(WatchedInstance probe, ConnectInstanceStates.Vote vote) {
        InstanceRef instance = probe.instance;
        LOG.infof("Connect instance %s is %s for both sites (epoch %d)", instance.instanceId(), vote.shared(),
                vote.epoch());
        if (vote.shared() == InstanceState.DOWN) {
            wentDown.fireAsync(new InstanceWentDown(instance, vote.epoch(), probe.signSince(InstanceState.DOWN)));
        } else if (vote.previous() == InstanceState.DOWN) {
            cameBack.fireAsync(new InstanceCameBack(instance, vote.epoch(), probe.signSince(vote.shared())));
        }
    }

    /**
     * How often one site's prober may probe an instance while all is calm: the probers of its Region's
     * instances, one per site, share {@code share} of DescribeInstance's rate.
     */
    static Duration calmInterval(Duration tick, double share, double probesPerSecond, long probers) {
        Duration budgeted = Duration.ofMillis((long) Math.ceil(probers * 1000 / (share * probesPerSecond)));
        return max(tick, budgeted);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Predicate<InstanceRef> distinctById() {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        return instance -> seen.add(instance.instanceId());
    }
}
