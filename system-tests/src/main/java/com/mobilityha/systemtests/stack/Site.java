package com.mobilityha.systemtests.stack;

import com.mobilityha.localstack.process.FreePorts;
import com.mobilityha.localstack.process.ServiceProcess;
import com.mobilityha.systemtests.stack.StackPorts.SitePorts;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One mobility site on loopback: its four services (each its own JVM), its ingress routing the
 * app's paths to them, its network edge, the address the app is given, and its link to Amazon Connect
 * (the simulator). A drill can kill the site (SIGKILL every service, the ingress gone), freeze it
 * (SIGSTOP), cut the app's path to it (the edge drops traffic while the site runs), cut its link to
 * Connect alone, and start it again on the same ports.
 */
public final class Site implements AutoCloseable {
    /** The four services in start order, each with the name of its port in {@link SitePorts}. */
    static final List<String> SERVICES = List.of("session-service", "connect-gateway", "login-service", "notifier-service");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final String role;
    private final SitePorts ports;
    private final int ingressPort = FreePorts.next();
    /** Each service's management interface (health, metrics), by module name. */
    private final Map<String, Integer> managementPorts = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> properties;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, Duration> readyTimes = new LinkedHashMap<>();
    private final TcpCrusher edge;
    /** The site's link to each Amazon Connect instance (its Region's endpoint), by instance id. */
    private final Map<String, TcpCrusher> connectLinks = new LinkedHashMap<>();
    private SiteIngress ingress;

    private Site(String role, SitePorts ports, Map<String, Map<String, String>> properties, NioReactor reactor,
                 int connectPort, List<String> instanceIds, String company) {
        this.role = role;
        this.ports = ports;
        this.properties = properties;
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
     * Opens the site's edge and ingress and starts its services, narrating each.
     *
     * @param properties  each service's system properties, by module name
     * @param connectPort where Amazon Connect (the simulator) listens; the gateway reaches each instance through
     *                    the site's link to it
     * @param instanceIds the Connect instances the site's gateway reaches, each through its own link
     * @param company     a company whose servers/active the site's heartbeat asks through the ingress
     */
    static Site start(String role, SitePorts ports, Map<String, Map<String, String>> properties, NioReactor reactor,
                      int connectPort, List<String> instanceIds, String company, Consumer<String> narrator) {
        Site site = new Site(role, ports, properties, reactor, connectPort, instanceIds, company);
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
        ingress = SiteIngress.start(ingressPort, url(ports.login()), url(ports.session()), url(ports.gateway()),
                url(ports.notifier()));
        narrator.accept(String.format("site %-9s %s  (one host, routed by path as by the k8s ingress)", role, url()));
        for (String module : SERVICES) {
            startService(module, narrator);
        }
    }

    private void startService(String module, Consumer<String> narrator) {
        long start = System.nanoTime();
        ServiceProcess process = ServiceProcess.start(module + "-" + role, ServiceProcess.module(module), port(module),
                managementPorts.get(module), properties.get(module));
        services.put(module, process);
        process.awaitReady(READY_TIMEOUT);
        Duration ready = Duration.ofNanos(System.nanoTime() - start);
        readyTimes.put(module, ready);
        narrator.accept(String.format("  %-19s %s  (ready in %d ms, log %s)", module, process.baseUrl(),
                ready.toMillis(), process.log()));
    }

    /** One service of the site dies (SIGKILL), e.g. {@code connect-gateway}; the rest of the site runs on. */
    public void killService(String module) {
        services.get(module).kill();
    }

    /** Starts a service killed by {@link #killService} again on its port. */
    public void restartService(String module, Consumer<String> narrator) {
        startService(module, narrator);
    }

    /** The whole site dies at once (SIGKILL to every service, the ingress gone), as when its data centre fails. */
    public void kill() {
        services.values().forEach(ServiceProcess::kill);
        ingress.close();
    }

    /** Every service of the site stops (SIGSTOP) without dying: a hung site; requests to it time out. */
    public void freeze() {
        services.values().forEach(ServiceProcess::freeze);
    }

    /** The frozen site carries on (SIGCONT). */
    public void thaw() {
        services.values().forEach(ServiceProcess::thaw);
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

    /** A service of the site by module name, e.g. {@code connect-gateway}. */
    public ServiceProcess service(String module) {
        return services.get(module);
    }

    public Map<String, ServiceProcess> services() {
        return services;
    }

    /** Time from spawning each service to its readiness probe answering 200 (last start). */
    public Map<String, Duration> readyTimes() {
        return readyTimes;
    }

    /** Where each service's metrics are scraped (its management interface, {@code host:port}), by module name. */
    public Map<String, List<String>> metricsTargets() {
        Map<String, List<String>> targets = new LinkedHashMap<>();
        managementPorts.forEach((module, port) -> targets.put(module, List.of("127.0.0.1:" + port)));
        return targets;
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
        services.values().forEach(ServiceProcess::close);
        if (ingress != null) {
            ingress.close();
        }
        edge.close();
        connectLinks.values().stream().filter(TcpCrusher::isOpen).forEach(TcpCrusher::close);
    }
}
