package com.mobilityha.systemtests.gateway;

import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.localstack.connect.ConnectQuotas;
import com.mobilityha.localstack.process.FreePorts;
import com.mobilityha.localstack.process.ServiceProcess;
import com.mobilityha.localstack.servicetoken.ServiceTokenKey;
import com.mobilityha.localstack.redis.RedisProcess;
import com.mobilityha.systemtests.app.Http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Gateway pods as production starts them (their own JVMs, from the built jar, in the prod profile) on
 * one Redis, against the connect-simulator throttling by a quota profile the gateways budget; the
 * company acme with its two instances. What the tests read: the shared instance state, the pods'
 * views, each pod's probe counters and the calls Connect received.
 */
final class GatewayPods implements AutoCloseable {
    static final String PRIMARY = "a1b2c3d4-0000-4000-8000-000000000001";
    static final String SECONDARY = "a1b2c3d4-0000-4000-8000-000000000002";
    static final Duration READY = Duration.ofSeconds(120);
    private static final Http HTTP = new Http(Duration.ofSeconds(5));

    private final RedisProcess redis;
    private final ServiceProcess simulator;
    private final ConnectQuotas quotas;
    private final List<ServiceProcess> gateways = new ArrayList<>();
    private final Map<ServiceProcess, String> siteOf = new HashMap<>();

    private GatewayPods(ConnectQuotas quotas) {
        this.quotas = quotas;
        this.redis = RedisProcess.start();
        this.simulator = ServiceProcess.start("connect-simulator", ServiceProcess.module("connect-simulator"),
                FreePorts.next(), quotas.simulatorProperties()).awaitReady(READY);
    }

    /** Redis and the simulator, on these quotas; no gateway yet. */
    static GatewayPods on(ConnectQuotas quotas) {
        return new GatewayPods(quotas);
    }

    /** Starts a gateway pod of {@code site} (not yet ready) with these settings over the defaults. */
    ServiceProcess start(String site, Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(redis.serviceProperties("connect-gateway"));
        properties.putAll(Map.of(
                "mobility.site", site,
                "gateway.connect.endpoint-override", simulator.baseUrl(),
                "gateway.connect.static-credentials.access-key-id", "AKIASIMULATOR",
                "gateway.connect.static-credentials.secret-access-key", "simulator-secret",
                "quarkus.oidc.tenant-enabled", "false"));
        properties.putAll(quotas.gatewayProperties());
        properties.putAll(ServiceTokenKey.random().properties());
        String company = "mobility.companies.acme.";
        properties.putAll(Map.of(
                company + "mobility-servers.primary", "https://m1.acme.example",
                company + "mobility-servers.secondary", "https://m2.acme.example",
                company + "connect-instances.primary.instance-id", PRIMARY,
                company + "connect-instances.primary.region", "us-east-1",
                company + "connect-instances.secondary.instance-id", SECONDARY,
                company + "connect-instances.secondary.region", "us-west-2"));
        properties.putAll(extra);
        ServiceProcess gateway = ServiceProcess.start("connect-gateway-" + site, ServiceProcess.module("connect-gateway"),
                FreePorts.next(), properties);
        gateways.add(gateway);
        siteOf.put(gateway, site);
        return gateway;
    }

    List<ServiceProcess> gateways() {
        return List.copyOf(gateways);
    }

    /** The gateway pods started for {@code site}, live or not. */
    List<ServiceProcess> gateways(String site) {
        return gateways.stream().filter(g -> site.equals(siteOf.get(g))).toList();
    }

    /** Stops every gateway pod; Redis emptied and the simulator back to its seed, as before the first. */
    void reset() {
        gateways.forEach(ServiceProcess::close);
        gateways.clear();
        siteOf.clear();
        assertEquals(200, HTTP.send("POST", simulator.baseUrl() + "/admin/reset", null, Map.of()).status());
        redis.cli("FLUSHALL");
    }

    void fault(String instanceId, String json) {
        assertEquals(200, HTTP.sendRaw("PUT", simulator.baseUrl() + "/admin/instances/" + instanceId + "/faults", json,
                Map.of("Content-Type", "application/json")).status());
    }

    void heal(String instanceId) {
        assertEquals(200, HTTP.send("DELETE", simulator.baseUrl() + "/admin/instances/" + instanceId + "/faults", null,
                Map.of()).status());
    }

    String cli(String... command) {
        return redis.cli(command);
    }

    /** A field of the instance's shared state ("" when none). */
    String shared(String instanceId, String field) {
        return redis.cli("HGET", RedisKeys.connectInstance(instanceId), field);
    }

    /** The pods' views of an instance ({@code <VIEW>@<time>}; not the hash's {@code :since}). */
    List<String> views(String instanceId) {
        return redis.cli("HVALS", RedisKeys.connectInstanceViews(instanceId)).lines().filter(l -> l.contains("@"))
                .toList();
    }

    /** The pods' views of an instance by pod ({@code <site>/<pod>} → {@code <VIEW>@<time>}). */
    Map<String, String> viewsByPod(String instanceId) {
        List<String> lines = redis.cli("HGETALL", RedisKeys.connectInstanceViews(instanceId)).lines().toList();
        Map<String, String> views = new HashMap<>();
        for (int i = 0; i + 1 < lines.size(); i += 2) {
            if (!lines.get(i).startsWith(":")) {
                views.put(lines.get(i), lines.get(i + 1));
            }
        }
        return views;
    }

    /** Makes these sites' heartbeats live for two minutes, as their session-services would. */
    void liveSites(String... sites) {
        for (String site : sites) {
            redis.cli("SET", RedisKeys.siteHeartbeat(site), site + "/test", "PX", "120000");
        }
    }

    /** The gateway's instance health group. */
    String health(ServiceProcess gateway) {
        return HTTP.send("GET", gateway.managementUrl() + "/q/health/group/connect", null, Map.of()).body();
    }

    /** The gateway's probes of an instance with this result (answered, failed, inconclusive). */
    double probes(ServiceProcess gateway, String instanceId, String result) {
        return metric(gateway.managementUrl(), "mobility_connect_probes_total\\{instance_id=\"" + instanceId
                + "\"[^}]*result=\"" + result + "\"[^}]*}");
    }

    /** The answers the live pods' probes of an instance got, all pods together. */
    double answered(String instanceId) {
        return gateways.stream().filter(ServiceProcess::isAlive)
                .mapToDouble(g -> probes(g, instanceId, "answered")).sum();
    }

    /** Calls of an operation on an instance the simulator received, by outcome (ok, throttled, error, …). */
    double connectCalls(String instanceId, String operation, String outcome) {
        return metric(simulator.managementUrl(), "simulator_requests_total\\{instance=\"" + instanceId + "\",operation=\""
                + operation + "\",outcome=\"" + outcome + "\"[^}]*}");
    }

    /** The pod's metrics in Prometheus's text format. */
    String metrics(ServiceProcess gateway) {
        return HTTP.send("GET", gateway.managementUrl() + "/q/metrics", null, Map.of()).body();
    }

    private static double metric(String baseUrl, String series) {
        Matcher m = Pattern.compile(series + " ([0-9.E]+)")
                .matcher(HTTP.send("GET", baseUrl + "/q/metrics", null, Map.of()).body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Override
    public void close() {
        gateways.forEach(ServiceProcess::close);
        simulator.close();
        redis.close();
    }
}
