package com.mobilityha.systemtests.kube;

import com.mobilityha.localstack.process.FreePorts;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.localstack.process.ServiceJvm;
import com.mobilityha.localstack.process.ServiceProcess;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One replica of a service with its kubelet: the JVM on its own ports, probed as its manifest says. Until
 * the startup probe passes, nothing else is probed; then the readiness probe (at once, as the kubelet
 * triggers it for a started container not yet ready, then every period) adds it to or removes it from its
 * Service's {@link Endpoints} (after {@code successThreshold} / {@code failureThreshold} results in a
 * row) and a failing liveness probe, like a failing startup probe or a container that exited, restarts the
 * JVM on the same ports (restart policy Always; back-off after the first restart). Deleting the pod drains
 * it: out of the endpoints at once, {@code preStop} sleep, SIGTERM (Quarkus's shutdown delay and graceful
 * shutdown), SIGKILL at the end of the grace period.
 */
public final class Pod {
    private static final Duration WATCH = Duration.ofMillis(100);
    private static final Duration FIRST_BACK_OFF = Duration.ofSeconds(10);

    private final String name;
    private final Path moduleDir;
    private final PodManifest manifest;
    private final Map<String, String> properties;
    private final Endpoints endpoints;
    private final Consumer<String> events;
    private final ServiceJvm jvm;
    private final int port = FreePorts.next();
    private final int managementPort = FreePorts.next();
    private final HttpClient prober = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final AtomicInteger restarts = new AtomicInteger();
    private final Object readinessWorker = new Object();
    private ScheduledExecutorService kubelet;
    private volatile ServiceProcess process;
    private volatile boolean started;
    private volatile boolean ready;
    private volatile boolean restarting;
    private int startupFailures;
    private int readinessFailures;
    private int readinessSuccesses;
    private int livenessFailures;

    Pod(String name, Path moduleDir, PodManifest manifest, Map<String, String> properties, Endpoints endpoints,
        Consumer<String> events, ServiceJvm jvm) {
        this.name = name;
        this.moduleDir = moduleDir;
        this.manifest = manifest;
        this.properties = new HashMap<>(properties);
        this.properties.putAll(manifest.shutdownProperties());
        this.endpoints = endpoints;
        this.events = events;
        this.jvm = jvm;
    }

    /** Starts the JVM and its kubelet. */
    synchronized void start() {
        launch();
        startKubelet();
    }

    private synchronized void startKubelet() {
        kubelet = Executors.newScheduledThreadPool(3, runnable -> {
            Thread thread = new Thread(runnable, "kubelet-" + name);
            thread.setDaemon(true);
            return thread;
        });
        every(manifest.startup().period(), this::probeStartup);
        every(manifest.readiness().period(), this::probeReadiness);
        every(manifest.liveness().period(), this::probeLiveness);
        every(WATCH, this::watchContainer);
    }

    private void every(Duration period, Runnable task) {
        kubelet.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                events.accept(name + ": kubelet task failed: " + e);
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void launch() {
        started = false;
        startupFailures = 0;
        readinessFailures = 0;
        readinessSuccesses = 0;
        livenessFailures = 0;
        process = ServiceProcess.start(name, moduleDir, port, managementPort, properties, jvm);
    }

    private void probeStartup() {
        if (started || restarting) {
            return;
        }
        if (passes(manifest.startup())) {
            started = true;
            probeReadiness();
        } else if (++startupFailures >= manifest.startup().failureThreshold()) {
            restart("startup probe failed " + startupFailures + " times");
        }
    }

    /** One readiness probe at a time, whether on its period or triggered by the startup probe's success. */
    private void probeReadiness() {
        synchronized (readinessWorker) {
            if (!started || restarting) {
                return;
            }
            if (passes(manifest.readiness())) {
                readinessFailures = 0;
                if (++readinessSuccesses >= manifest.readiness().successThreshold()) {
                    ready(true);
                }
            } else {
                readinessSuccesses = 0;
                if (++readinessFailures >= manifest.readiness().failureThreshold()) {
                    ready(false);
                }
            }
        }
    }

    private void probeLiveness() {
        if (!started || restarting) {
            return;
        }
        if (passes(manifest.liveness())) {
            livenessFailures = 0;
        } else if (++livenessFailures >= manifest.liveness().failureThreshold()) {
            restart("liveness probe failed " + livenessFailures + " times");
        }
    }

    private void watchContainer() {
        if (!restarting && !process.isAlive()) {
            restart("container exited");
        }
    }

    private synchronized void restart(String why) {
        if (restarting) {
            return;
        }
        restarting = true;
        ready(false);
        int restart = restarts.incrementAndGet();
        Duration backOff = restart == 1 ? Duration.ZERO : FIRST_BACK_OFF.multipliedBy(1L << Math.min(restart - 2, 5));
        events.accept(String.format("%s: %s → restarting the container (restart %d, back-off %d s)", name, why, restart,
                backOff.toSeconds()));
        process.kill();
        kubelet.schedule(() -> {
            launch();
            restarting = false;
        }, backOff.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void ready(boolean now) {
        if (now == ready) {
            return;
        }
        ready = now;
        if (now) {
            endpoints.add(this);
        } else {
            endpoints.remove(this);
        }
    }

    private boolean passes(ProbeSpec probe) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(process.managementUrl() + probe.path()))
                .timeout(probe.timeout()).GET().build();
        try {
            int status = prober.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .get(probe.timeout().toMillis(), TimeUnit.MILLISECONDS).statusCode();
            return status >= 200 && status < 400;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception failed) {
            return false;
        }
    }

    /** Waits until the readiness probe has added the pod to its Service's endpoints. */
    boolean awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (ready) {
                return true;
            }
            if (!process.isAlive() && restarts.get() == 0 && !restarting) {
                throw new IllegalStateException(name + " exited:\n" + process.logTail());
            }
            Poll.sleep(50);
        }
        return false;
    }

    /**
     * Deletes the pod gracefully, as {@code kubectl delete pod} or a rolling update does: out of the endpoints
     * at once, then {@code preStop}, then SIGTERM, SIGKILL at the end of the grace period.
     */
    void delete() {
        stopKubelet();
        ready(false);
        Poll.sleep(manifest.preStop().toMillis());
        process.stop(manifest.terminationGrace().minus(manifest.preStop()));
    }

    /**
     * Stops the replica for good without {@code preStop} (the stack is shutting down): no kubelet any more,
     * SIGTERM, SIGKILL after 10 s (minutes for an AOT training run, which writes its cache at exit). Replicas
     * stopped together each take their own thread.
     */
    CompletableFuture<Void> stop() {
        stopKubelet();
        ready(false);
        return CompletableFuture.runAsync(process::close, Background.THREADS);
    }

    /** The replica's node is gone: no kubelet any more, the JVM killed (SIGKILL), nothing restarts it. */
    void lose() {
        stopKubelet();
        ready(false);
        process.kill();
    }

    /** The JVM crashes (SIGKILL); its kubelet notices and restarts it. */
    void crash() {
        process.kill();
    }

    /**
     * The JVM hangs (SIGSTOP) while its node and kubelet run on: its probes time out, so readiness takes it
     * out of the endpoints and liveness restarts it.
     */
    void hang() {
        process.freeze();
    }

    /** The node hangs (SIGSTOP to the JVM; its kubelet hangs with it). */
    void freeze() {
        kubelet.shutdownNow();
        process.freeze();
    }

    /** The hung node carries on: the JVM and its kubelet. */
    void thaw() {
        process.thaw();
        startKubelet();
    }

    private void stopKubelet() {
        kubelet.shutdownNow();
        try {
            kubelet.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String name() {
        return name;
    }

    /** The replica's JVM (the current one: a restart replaces it). */
    public ServiceProcess process() {
        return process;
    }

    /** Whether its readiness probe has it in its Service's endpoints. */
    public boolean isReady() {
        return ready;
    }

    /** How often its kubelet restarted the container. */
    public int restarts() {
        return restarts.get();
    }

    /** The replica's own address (the ingress sends requests here). */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    int managementPort() {
        return managementPort;
    }
}
