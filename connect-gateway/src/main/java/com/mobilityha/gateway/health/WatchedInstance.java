package com.mobilityha.gateway.health;

import com.mobilityha.common.instance.ConnectInstanceStates;
import com.mobilityha.common.instance.InstanceState;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.gateway.connect.ConnectConfig;
import io.micrometer.core.instrument.Counter;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;

/** What one gateway pod keeps of one instance it watches: its state machine, probe counters, warm-up, schedule and timings. */
final class WatchedInstance {
    final InstanceRef instance;
    final InstanceStateMachine machine;
    final Map<ProbeResult, Counter> results = new EnumMap<>(ProbeResult.class);
    /** Probes while calm no more often than this. */
    final Duration calm;
    /** Where this pod's site probes within each calm interval, so that the sites' calm probes interleave. */
    final Duration calmOffset;
    /** How long a view counts: at least two calm intervals, so that a site prober's view never lapses while calm. */
    final Duration fresh;
    /** What this pod goes by when it has not reported a view itself lately. */
    volatile InstanceState followed = InstanceState.UP;
    /** Whether this pod is its site's prober of the instance now. */
    volatile boolean probing;
    /** The calm interval in which this pod last probed ({@link #calmSlot(long, Duration, Duration)}). */
    volatile long lastCalmSlot = Long.MIN_VALUE;
    /** When this pod last reported a view (System.nanoTime; 0: never). */
    volatile long lastReport;
    volatile boolean warm;
    /** When its warm-up ended (System.nanoTime). */
    volatile long warmSince;
    Instant lastAnswered;
    Instant answeringSince;
    /** When this pod's own probes made the instance DOWN (System.nanoTime; 0 while it is not). */
    volatile long downSince;

    WatchedInstance(InstanceRef instance, ConnectConfig.Health config, Duration calm, Duration calmOffset,
                    Duration fresh) {
        this.instance = instance;
        this.machine = new InstanceStateMachine(config.downAfter(), config.upAfter());
        this.calm = calm;
        this.calmOffset = calmOffset;
        this.fresh = fresh;
    }

    /** True when this pod has not probed yet in the current calm interval. */
    boolean calmProbeDue() {
        return calmSlot(System.currentTimeMillis(), calm, calmOffset) != lastCalmSlot;
    }

    void probed() {
        lastCalmSlot = calmSlot(System.currentTimeMillis(), calm, calmOffset);
    }

    /**
     * The calm interval a wall-clock time falls in, on a grid the pods share (their clocks are synchronised),
     * shifted by the site's offset: each site's prober probes once per interval, at its own phase.
     */
    static long calmSlot(long epochMillis, Duration calm, Duration offset) {
        return Math.floorDiv(epochMillis - offset.toMillis(), calm.toMillis());
    }

    void reported() {
        lastReport = System.nanoTime();
    }

    boolean reportedWithin(Duration age) {
        return lastReport != 0 && System.nanoTime() - lastReport <= age.toNanos();
    }

    /**
     * Goes by the youngest fresh view of another pod of this site, else of another site, else the
     * shared state: a view short of DOWN (SUSPECT) still routes to the instance.
     */
    void follow(ConnectInstanceStates.Observation seen, String site) {
        Comparator<ConnectInstanceStates.PodView> ownSiteFirst = Comparator
                .comparing((ConnectInstanceStates.PodView v) -> !v.site().equals(site))
                .thenComparingLong(ConnectInstanceStates.PodView::ageMillis);
        followed = seen.views().values().stream().min(ownSiteFirst)
                .map(v -> v.view().equals(ConnectInstanceStates.SUSPECT) ? InstanceState.UP : InstanceState.valueOf(v.view()))
                .orElse(seen.shared() == null ? InstanceState.UP : seen.shared());
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
