package com.mobilityha.systemtests.kube;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Threads for what Kubernetes does in parallel and mostly waits on (pods draining, stopping): one per task. */
final class Background {
    static final ExecutorService THREADS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "kube-background");
        thread.setDaemon(true);
        return thread;
    });

    private Background() {
    }
}
