package com.mobilityha.systemtests.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Service's endpoints: the replicas whose readiness probe passes, in the order they became ready. The
 * ingress and the {@link ClusterService} send traffic to these only, in turn.
 */
public final class Endpoints {
    private final CopyOnWriteArrayList<Pod> ready = new CopyOnWriteArrayList<>();
    private final AtomicInteger turn = new AtomicInteger();

    void add(Pod pod) {
        ready.addIfAbsent(pod);
    }

    void remove(Pod pod) {
        ready.remove(pod);
    }

    /** The next ready replica in turn; empty when none is ready. */
    public Optional<Pod> next() {
        return inTurn().stream().findFirst();
    }

    /** Every ready replica, starting with the next in turn (whom to try after it failed, and in which order). */
    public List<Pod> inTurn() {
        List<Pod> now = List.copyOf(ready);
        if (now.isEmpty()) {
            return now;
        }
        int first = Math.floorMod(turn.getAndIncrement(), now.size());
        List<Pod> ordered = new ArrayList<>(now.subList(first, now.size()));
        ordered.addAll(now.subList(0, first));
        return ordered;
    }

    /** The ready replicas now. */
    public List<Pod> ready() {
        return List.copyOf(ready);
    }
}
