package com.mobilityha.systemtests.kube;

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
        List<Pod> now = List.copyOf(ready);
        return now.isEmpty() ? Optional.empty() : Optional.of(now.get(Math.floorMod(turn.getAndIncrement(), now.size())));
    }

    /** The ready replicas now. */
    public List<Pod> ready() {
        return List.copyOf(ready);
    }
}
