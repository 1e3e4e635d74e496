package com.mobilityha.systemtests.kube;

import com.mobilityha.localstack.process.FreePorts;
import com.mobilityha.localstack.process.ServiceJvm;
import com.mobilityha.localstack.process.ServiceProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One service of a site as Kubernetes runs it: a Deployment of replicas ({@link Pod}s) and its Service,
 * whose cluster address ({@link ClusterService}, one port for the API and one for the management
 * interface) stays while replicas come and go. A rolling restart surges one new replica, waits until it is
 * ready, then deletes an old one (maxSurge 1, maxUnavailable 0, as in {@code k8s/base}).
 */
public final class Deployment implements AutoCloseable {
    private final String name;
    private final Path moduleDir;
    private final PodManifest manifest;
    private final int replicas;
    private final Map<String, String> properties;
    private final int servicePort;
    private final int serviceManagementPort;
    private final Consumer<String> events;
    private final Endpoints endpoints = new Endpoints();
    private final List<Pod> pods = new CopyOnWriteArrayList<>();
    /** The JVM its replicas run on (the configured one until a start names another). */
    private ServiceJvm jvm = ServiceJvm.configured();
    private ClusterService api;
    private ClusterService management;
    private int created;

    /**
     * @param name                  e.g. {@code connect-gateway-primary}; its pods are {@code <name>-1}, {@code -2}, …
     * @param replicas              how many replicas it runs
     * @param properties            the JVMs' system properties
     * @param servicePort           the Service's API port (what the site's other services call)
     * @param serviceManagementPort the Service's management port (health, metrics)
     * @param events                told of what the kubelets do (restarts)
     */
    public Deployment(String name, Path moduleDir, PodManifest manifest, int replicas, Map<String, String> properties,
                      int servicePort, int serviceManagementPort, Consumer<String> events) {
        this.name = name;
        this.moduleDir = moduleDir;
        this.manifest = manifest;
        this.replicas = replicas;
        this.properties = properties;
        this.servicePort = servicePort;
        this.serviceManagementPort = serviceManagementPort;
        this.events = events;
    }

    /**
     * Opens the Service and starts the replicas together; returns when every replica is in the endpoints.
     * A replica its kubelet restarts meanwhile (its startup probe gave up on a busy machine) is waited for as a
     * rollout waits for it. The returned time is spawn → the first replica in the endpoints.
     */
    public Duration start(Duration timeout) {
        return start(timeout, jvm);
    }

    /** As {@link #start(Duration)}, its replicas (these and later ones) on {@code jvm}. */
    public Duration start(Duration timeout, ServiceJvm jvm) {
        this.jvm = jvm;
        if (api == null) {
            api = ClusterService.open(servicePort, endpoints, Pod::port);
            management = ClusterService.open(serviceManagementPort, endpoints, Pod::managementPort);
        }
        long spawned = System.nanoTime();
        List<Pod> starting = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            starting.add(newPod());
        }
        starting.forEach(Pod::start);
        Duration ready = null;
        for (Pod pod : starting) {
            if (!pod.awaitReady(timeout)) {
                throw new IllegalStateException(pod.name() + " not in the endpoints within " + timeout + ":\n"
                        + pod.process().logTail());
            }
            if (ready == null) {
                ready = Duration.ofNanos(System.nanoTime() - spawned);
            }
        }
        return ready;
    }

    private Pod newPod() {
        Pod pod = new Pod(name + "-" + (++created), moduleDir, manifest, properties, endpoints, events, jvm);
        pods.add(pod);
        return pod;
    }

    /**
     * Replaces every replica, one at a time, as {@code kubectl rollout restart} does: a new replica starts
     * and, once ready, an old one is deleted (drained); returns when the last old one has stopped.
     */
    public void rollingRestart(Duration timeout) {
        List<CompletableFuture<Void>> deletions = new ArrayList<>();
        for (Pod old : List.copyOf(pods)) {
            Pod fresh = newPod();
            fresh.start();
            if (!fresh.awaitReady(timeout)) {
                throw new IllegalStateException(fresh.name() + " not ready within " + timeout + ":\n"
                        + fresh.process().logTail());
            }
            deletions.add(CompletableFuture.runAsync(() -> {
                old.delete();
                pods.remove(old);
            }, Background.THREADS));
        }
        deletions.forEach(CompletableFuture::join);
    }

    /** One replica's JVM crashes (SIGKILL); its kubelet restarts it. */
    public void crashPod(int index) {
        pods.get(index).crash();
    }

    /** One replica's JVM hangs (SIGSTOP) while its kubelet runs on. */
    public void hangPod(int index) {
        pods.get(index).hang();
    }

    /** Every replica is lost with its node (SIGKILL, no restart); the Service stays, with no endpoint. */
    public void lose() {
        pods.forEach(Pod::lose);
        pods.clear();
    }

    /** Every replica's node hangs (SIGSTOP, kubelets with them). */
    public void freeze() {
        pods.forEach(Pod::freeze);
    }

    /**
     * One more JVM of the service on {@code jvm} with its replicas' system properties (not their manifest's shutdown
     * settings), outside the Deployment: no kubelet and not in the endpoints; the caller stops it. What a benchmark times from spawn to the service's own
     * readiness (as it times a bare app), without the probes' schedule.
     */
    public ServiceProcess startAlone(ServiceJvm jvm) {
        return ServiceProcess.start(name + "-alone", moduleDir, FreePorts.next(), FreePorts.next(), properties, jvm);
    }

    /** The hung nodes carry on. */
    public void thaw() {
        pods.forEach(Pod::thaw);
    }

    /** The replicas now (a rolling restart replaces them). */
    public List<Pod> pods() {
        return List.copyOf(pods);
    }

    /** The replicas the readiness probes have in the Service's endpoints. */
    public Endpoints endpoints() {
        return endpoints;
    }

    /** A replica's JVM (the first): its metrics, log and pid stand for the service's. */
    public ServiceProcess anyProcess() {
        return pods.stream().findFirst().orElseThrow(() -> new IllegalStateException(name + " runs no replica"))
                .process();
    }

    /** The Service's cluster address for the API. */
    public String serviceUrl() {
        return "http://127.0.0.1:" + servicePort;
    }

    /** The Service goes with its site (the site's network is gone); {@link #start} opens it again. */
    public void closeService() {
        if (api != null) {
            api.close();
            management.close();
            api = null;
            management = null;
        }
    }

    /** Stops every replica (SIGTERM, all at once) and the Service; done when the returned stage is. */
    public CompletableFuture<Void> stop() {
        return stopPods().thenRun(this::closeService);
    }

    /**
     * Stops every replica gracefully (SIGTERM, all at once; an AOT training run writes its cache) and returns when
     * they have exited; the Service stays, with no endpoint, until {@link #start} adds replicas again.
     */
    public void stopReplicas() {
        stopPods().join();
    }

    private CompletableFuture<Void> stopPods() {
        CompletableFuture<Void> stopped = CompletableFuture.allOf(pods.stream().map(Pod::stop)
                .toArray(CompletableFuture[]::new));
        pods.clear();
        return stopped;
    }

    @Override
    public void close() {
        stop().join();
    }
}
