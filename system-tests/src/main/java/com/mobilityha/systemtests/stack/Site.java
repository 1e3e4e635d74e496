package com.mobilityha.systemtests.stack;

import com.mobilityha.localstack.process.FreePorts;
import com.mobilityha.localstack.process.ServiceJvm;
import com.mobilityha.localstack.process.ServiceProcess;
import com.mobilityha.systemtests.kube.Deployment;
import com.mobilityha.systemtests.kube.Endpoints;
import com.mobilityha.systemtests.kube.Pod;
import com.mobilityha.systemtests.kube.PodManifest;
import com.mobilityha.systemtests.stack.StackPorts.SitePorts;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * One mobility site on loopback: its four services, each a {@link Deployment} of replicas (JVMs) probed
 * and restarted as {@code k8s/base} says, behind its Service; its ingress routing the app's paths to ready
 * replicas; its network edge, the address the app is given; and its link to Amazon Connect (the
 * simulator). A drill can kill the site (every replica SIGKILLed with its node, the ingress gone), freeze
 * it (SIGSTOP), cut the app's path to it (the edge drops traffic while the site runs), cut its link to
 * Connect alone, lose one service or crash one replica, restart a service replica by replica, and start
 * the site again on the same ports.
 */
public final class Site implements AutoCloseable {
    /** The four services (started together, narrated in this order), each with the name of its port in {@link SitePorts}. */
    public static final List<String> SERVICES = List.of("session-service", "connect-gateway", "login-service", "notifier-service");
    /** Each service runs the replicas {@code k8s/base} gives it. */
    public static final ToIntFunction<String> AS_MANIFESTS = module -> PodManifest.of(module).replicas();
    /** Each service runs one replica (starts faster, where a test does not need two). */
    public static final ToIntFunction<String> ONE_REPLICA = module -> 1;
    /**
     * Per replica: room for one kubelet restart after a startup probe that gave up (60 s in k8s/base) on a
     * machine busy enough for it, as a rollout's progress deadline leaves it.
     */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final String role;
    private final SitePorts ports;
    private final int ingressPort = FreePorts.next();
    /** Each service's management interface (health, metrics), by module name. */
    private final Map<String, Integer> managementPorts = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> properties;
    private final ToIntFunction<String> replicas;
    private final Consumer<String> events;
    private final Map<String, Deployment> deployments = new LinkedHashMap<>();
    private final TcpCrusher edge;
    /** The site's link to each Amazon Connect instance (its Region's endpoint), by instance id. */
    private final Map<String, TcpCrusher> connectLinks = new LinkedHashMap<>();
    private SiteIngress ingress;

    private Site(String role, SitePorts ports, Map<String, Map<String, String>> properties, NioReactor reactor,
                 int connectPort, List<String> instanceIds, String company, ToIntFunction<String> replicas,
                 Consumer<String> events) {
        this.role = role;
        this.ports = ports;
        this.properties = properties;
        this.replicas = replicas;
        this.events = events;
        this.edge = TcpCrusherBuilder.builder().withReactor(reactor)
                .withBindAddress("127.0.0.1", ports.edge())
                .withConnectAddress("127.0.0.1", ingressPort)
                .buildAndOpen();
        // Kinesis (the agent event streams) and anything not per instance: straight to the simulator.
        properties.get("connect-gateway").put("gateway.connect.endpoint-override", url(connectPort));
        for (String instanceId : instanceIds) {
            int linkPort = FreePorts.next();
            connectLinks.put(instanceId, TcpCrusherBuilder.builder().withReactor(reactor)
                    .withBindAddress("127.0.0.1", linkPort)
                    .withConnectAddress("127.0.0.1", connectPort)
                    .buildAndOpen());
            properties.get("connect-gateway").put("gateway.connect.instances." + instanceId + ".endpoint-override",
                    url(linkPort));
        }
        SERVICES.forEach(module -> managementPorts.put(module, FreePorts.next()));
        properties.get("session-service").put("session.site.gateway-ready-url",
                url(managementPorts.get("connect-gateway")) + "/q/health/ready");
        // The site's heartbeat checks the app's path through the site's ingress (not the edge: that is the phone's network).
        properties.get("session-service").put("session.site.ingress-check-url",
                url(ingressPort) + "/api/v1/servers/active?companyCode=" + company);
    }

    /**
     * Opens the site's edge and ingress and starts its services together, narrating each.
     *
     * @param properties  each service's system properties, by module name
     * @param connectPort where Amazon Connect (the simulator) listens; the gateway reaches each instance through
     *                    the site's link to it
     * @param instanceIds the Connect instances the site's gateway reaches, each through its own link
     * @param company     a company whose servers/active the site's heartbeat asks through the ingress
     * @param replicas    how many replicas each service (by module name) runs: {@link #AS_MANIFESTS} or {@link #ONE_REPLICA}
     * @param events      told of what the site's kubelets do on their own (container restarts)
     */
    static Site start(String role, SitePorts ports, Map<String, Map<String, String>> properties, NioReactor reactor,
                      int connectPort, List<String> instanceIds, String company, ToIntFunction<String> replicas,
                      Consumer<String> narrator, Consumer<String> events) {
        Site site = new Site(role, ports, properties, reactor, connectPort, instanceIds, company, replicas, events);
        try {
            site.startParts(narrator);
            return site;
        } catch (RuntimeException e) {
            site.close();
            throw e;
        }
    }

    /** Starts the site again on the same ports after {@link #kill()}. */
    public void restart(Consumer<String> narrator) {
        startParts(narrator);
    }

    private void startParts(Consumer<String> narrator) {
        for (String module : SERVICES) {
            deployments.computeIfAbsent(module, m -> new Deployment(m + "-" + role, ServiceProcess.module(m),
                    PodManifest.of(m), replicas.applyAsInt(m), properties.get(m), port(m), managementPorts.get(m), events));
        }
        ingress = SiteIngress.start(ingressPort, endpoints("login-service"), endpoints("session-service"),
                endpoints("connect-gateway"), endpoints("notifier-service"));
        narrator.accept(String.format("site %-9s %s  (one host, routed by path to ready replicas as by the k8s ingress)",
                role, url()));
        // Kubernetes starts a site's pods together, and so does the stack: no start waits on another's probes.
        Map<String, CompletableFuture<Duration>> starting = new LinkedHashMap<>();
        for (String module : SERVICES) {
            starting.put(module, CompletableFuture.supplyAsync(() -> deployments.get(module).start(READY_TIMEOUT),
                    task -> new Thread(task, "start-" + module + "-" + role).start()));
        }
        CompletableFuture.allOf(starting.values().toArray(CompletableFuture[]::new)).exceptionally(failed -> null).join();
        starting.forEach((module, ready) -> started(module, ready.join(), narrator));
    }

    private Endpoints endpoints(String module) {
        return deployments.get(module).endpoints();
    }


    private void started(String module, Duration ready, Consumer<String> narrator) {
        Deployment deployment = deployments.get(module);
        narrator.accept(String.format("  %-19s %s  (%d × ready in %d ms, log %s)", module, deployment.serviceUrl(),
                deployment.pods().size(), ready.toMillis(), deployment.anyProcess().log()));
    }

    /**
     * Every replica of one service of the site is lost for good (SIGKILL, their kubelets gone with them:
     * nothing restarts them), e.g. {@code connect-gateway}; the rest of the site runs on.
     */
    public void killService(String module) {
        deployments.get(module).lose();
    }

    /** Starts a service lost by {@link #killService} again. */
    public void restartService(String module, Consumer<String> narrator) {
        started(module, deployments.get(module).start(READY_TIMEOUT), narrator);
    }

    /**
     * Starts a service lost by {@link #killService} or stopped by {@link #stopService} again, its replicas on
     * {@code jvm} (another JDK, an AOT cache's training run or use) from now on.
     */
    public void restartService(String module, ServiceJvm jvm, Consumer<String> narrator) {
        started(module, deployments.get(module).start(READY_TIMEOUT, jvm), narrator);
    }

    /**
     * Every replica of one service stops gracefully (SIGTERM; an AOT training run writes its cache), until
     * {@link #restartService(String, ServiceJvm, Consumer)}; the rest of the site runs on.
     */
    public void stopService(String module) {
        deployments.get(module).stopReplicas();
    }

    /** One service as Kubernetes runs it: its replicas, their endpoints, a rolling restart. */
    public Deployment deployment(String module) {
        return deployments.get(module);
    }

    /**
     * The whole site dies at once (every replica SIGKILLed with its node, its Services and ingress gone), as
     * when its data centre fails.
     */
    public void kill() {
        deployments.values().forEach(deployment -> {
            deployment.lose();
            deployment.closeService();
        });
        ingress.close();
    }

    /** Every node of the site hangs (SIGSTOP to every replica, kubelets with them): requests to it time out. */
    public void freeze() {
        deployments.values().forEach(Deployment::freeze);
    }

    /** The frozen site carries on (SIGCONT). */
    public void thaw() {
        deployments.values().forEach(Deployment::thaw);
    }

    /** The app's path to the site is cut: its edge drops traffic (nothing answers) while the site runs on. */
    public void cutEdge() {
        edge.freeze();
    }

    /** The app's path to the site works again. */
    public void restoreEdge() {
        edge.unfreeze();
    }

    /**
     * The site's link to one Amazon Connect instance goes down (its connections reset, new ones refused,
     * as when the site's route to that Region fails) while the other site's, and its link to the other
     * instance, work on.
     */
    public void cutConnectLink(String instanceId) {
        connectLinks.get(instanceId).close();
    }

    /** The site's link to the instance works again. */
    public void restoreConnectLink(String instanceId) {
        connectLinks.get(instanceId).open();
    }

    /** {@code primary} or {@code secondary}. */
    public String role() {
        return role;
    }

    /** The site's one base URL for the app. */
    public String url() {
        return url(ports.edge());
    }

    /** A replica's JVM of a service of the site by module name, e.g. {@code connect-gateway}. */
    public ServiceProcess service(String module) {
        return deployments.get(module).anyProcess();
    }

    /** A replica's JVM of each service, by module name. */
    public Map<String, ServiceProcess> services() {
        Map<String, ServiceProcess> services = new LinkedHashMap<>();
        deployments.forEach((module, deployment) -> services.put(module, deployment.anyProcess()));
        return services;
    }

    /** Every replica's JVM of a service. */
    public List<ServiceProcess> replicas(String module) {
        return deployments.get(module).pods().stream().map(Pod::process).toList();
    }

    /**
     * Where each service's replicas' metrics are scraped (their management interface, {@code host:port}), by
     * module name: the replicas running now.
     */
    public Map<String, List<String>> metricsTargets() {
        Map<String, List<String>> targets = new LinkedHashMap<>();
        deployments.forEach((module, deployment) -> targets.put(module, deployment.pods().stream()
                .map(pod -> pod.process().managementUrl().substring("http://".length())).toList()));
        return targets;
    }

    /** The system properties the site gives a service's JVMs (by module name): a copy, e.g. for a variant of it. */
    public Map<String, String> properties(String module) {
        return new LinkedHashMap<>(properties.get(module));
    }

    /** A service's own base URL (not through the ingress). */
    public String serviceUrl(String module) {
        return url(port(module));
    }

    private int port(String module) {
        return switch (module) {
            case "session-service" -> ports.session();
            case "connect-gateway" -> ports.gateway();
            case "login-service" -> ports.login();
            case "notifier-service" -> ports.notifier();
            default -> throw new IllegalArgumentException("not a site service: " + module);
        };
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        CompletableFuture.allOf(deployments.values().stream().map(Deployment::stop).toArray(CompletableFuture[]::new))
                .join();
        if (ingress != null) {
            ingress.close();
        }
        edge.close();
        connectLinks.values().stream().filter(TcpCrusher::isOpen).forEach(TcpCrusher::close);
    }
}
