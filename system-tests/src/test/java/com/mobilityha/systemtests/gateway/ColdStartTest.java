package com.mobilityha.systemtests.gateway;

import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.localstack.demo.DemoCompany;
import com.mobilityha.localstack.process.FreePorts;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.localstack.process.ServiceProcess;
import com.mobilityha.localstack.redis.RedisProcess;
import com.mobilityha.systemtests.app.Http;
import com.mobilityha.systemtests.stack.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * R7 over real processes: gateway pods started cold (their own JVMs, from the built jar, in the prod
 * profile) against the connect-simulator and one Redis, as a rolling update or a scale-out starts them.
 * A cold pod never declares Amazon Connect down; a real outage is still declared, once, when warm
 * pods agree.
 */
class ColdStartTest {
    private static final String PRIMARY = "a1b2c3d4-0000-4000-8000-000000000001";
    private static final String SECONDARY = "a1b2c3d4-0000-4000-8000-000000000002";
    private static final Duration READY = Duration.ofSeconds(120);
    private static final Duration OUTCOME = Duration.ofSeconds(30);
    private static final Http HTTP = new Http(Duration.ofSeconds(5));

    private static RedisProcess redis;
    private static ServiceProcess simulator;
    private final List<ServiceProcess> gateways = new ArrayList<>();

    @BeforeAll
    static void connectAndRedis() {
        redis = RedisProcess.start();
        simulator = ServiceProcess.start("connect-simulator", ServiceProcess.module("connect-simulator"),
                FreePorts.next(), LocalStack.CONNECT_QUOTAS.simulatorProperties()).awaitReady(READY);
    }

    @AfterAll
    static void stop() {
        simulator.close();
        redis.close();
    }

    @BeforeEach
    void freshConnectAndRedis() {
        assertEquals(200, HTTP.send("POST", simulator.baseUrl() + "/admin/reset", null, Map.of()).status());
        redis.cli("FLUSHALL");
    }

    @AfterEach
    void stopGateways() {
        gateways.forEach(ServiceProcess::close);
        gateways.clear();
    }

    @Test
    void R7_fourGatewaysStartedAtOnceWhileConnectAnswersItsFirstCallsSlowlyDeclareNothingDown() {
        // Every instance answers its first eight calls (two per pod) after 1.5 s (cold connections, a
        // warming endpoint), far beyond the 800 ms probe timeout; four pods of two sites start at once
        // on two cores. Before warm-up and quorum, this declared both instances DOWN for the company.
        fault(PRIMARY, "{\"latencyMs\":1500,\"slowNext\":8}");
        fault(SECONDARY, "{\"latencyMs\":1500,\"slowNext\":8}");
        List<CompletableFuture<ServiceProcess>> starting = new ArrayList<>();
        for (String site : List.of("primary", "secondary", "primary", "secondary")) {
            ServiceProcess gateway = gateway(site, Map.of());
            starting.add(CompletableFuture.supplyAsync(() -> gateway.awaitReady(READY)));
        }
        starting.forEach(CompletableFuture::join);

        for (String instance : List.of(PRIMARY, SECONDARY)) {
            Poll.require(() -> gateways.stream().allMatch(g -> probes(g, instance, "answered") >= 5),
                    "every pod answered by " + instance + " five times", OUTCOME);
            assertEquals("UP", shared(instance, "state"), instance + " never left UP for the company");
            assertEquals("0", shared(instance, "epoch"), instance + ": no transition at all");
            assertEquals(4, views(instance).size(), "each pod reports its view once warm: " + views(instance));
            assertTrue(views(instance).stream().allMatch(v -> v.startsWith("UP@")), views(instance).toString());
            for (ServiceProcess gateway : gateways) {
                assertEquals(0, probes(gateway, instance, "failed"), gateway.baseUrl() + ": no probe of " + instance + " failed");
            }
        }
        assertEquals("0", redis.cli("XLEN", RedisKeys.failoverJournal(DemoCompany.CODE)), "no failover journaled (the RELOGIN wave is its duty)");

        fault(PRIMARY, "{\"mode\":\"RESET\"}");
        Poll.require(() -> "DOWN".equals(shared(PRIMARY, "state")), "a real outage is declared once pods are warm",
                OUTCOME);
        assertEquals("1", shared(PRIMARY, "epoch"), "four pods saw it, exactly one did the failover's duties");
        assertEquals("UP", shared(SECONDARY, "state"));
    }

    @Test
    void R7_anOutageAtStartUpIsNotDeclaredByALonePodInProbationButOnceASecondPodSeesIt() {
        fault(PRIMARY, "{\"mode\":\"RESET\"}");
        ServiceProcess first = gateway("primary", Map.of("gateway.connect.health.probation", "10m")).awaitReady(READY);
        Poll.require(() -> probes(first, PRIMARY, "failed") >= 5, "the first pod's probes fail", OUTCOME);
        assertTrue(health(first).matches("(?s).*\"primary " + PRIMARY + "\"\\s*:\\s*\"DOWN\".*"),
                "it routes around the instance itself");
        assertEquals("", shared(PRIMARY, "state"), "but one pod in its probation is not the company's truth");
        assertEquals("UP", shared(SECONDARY, "state"));

        gateway("secondary", Map.of("gateway.connect.health.probation", "10m")).awaitReady(READY);
        Poll.require(() -> "DOWN".equals(shared(PRIMARY, "state")), "DOWN once a second warm pod sees it too", OUTCOME);
        assertEquals("1", shared(PRIMARY, "epoch"));
        Poll.require(() -> !"0".equals(redis.cli("XLEN", RedisKeys.failoverJournal(DemoCompany.CODE))), "the failover journaled", OUTCOME);
        assertEquals("1", redis.cli("XLEN", RedisKeys.failoverJournal(DemoCompany.CODE)), "once");

        assertEquals(200, HTTP.send("DELETE", simulator.baseUrl() + "/admin/instances/" + PRIMARY + "/faults", null,
                Map.of()).status());
        Poll.require(() -> "UP".equals(shared(PRIMARY, "state")), "an answering instance is UP again on one pod's word",
                OUTCOME);
    }

    @Test
    void R7_anInstanceThatNeverAnswersEndsTheWarmUpAtItsDeadlineAndIsThenDeclaredDown() {
        fault(PRIMARY, "{\"mode\":\"HANG\"}");
        ServiceProcess gateway = gateway("primary", Map.of("gateway.connect.health.warmup-deadline", "3s",
                "gateway.connect.health.probation", "1s")).awaitReady(READY);
        Poll.require(() -> "DOWN".equals(shared(PRIMARY, "state")), "DOWN once the warm-up gave up", OUTCOME);
        assertTrue(probes(gateway, PRIMARY, "failed") >= 2, "probes that timed out count after the warm-up");
        assertEquals("UP", shared(SECONDARY, "state"));
    }

    private ServiceProcess gateway(String site, Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "quarkus.redis.hosts", redis.uri(),
                "mobility.site", site,
                "gateway.connect.endpoint-override", simulator.baseUrl(),
                "gateway.connect.static-credentials.access-key-id", "AKIASIMULATOR",
                "gateway.connect.static-credentials.secret-access-key", "simulator-secret",
                "quarkus.oidc.tenant-enabled", "false"));
        properties.putAll(LocalStack.CONNECT_QUOTAS.gatewayProperties());
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
        return gateway;
    }

    private void fault(String instanceId, String json) {
        assertEquals(200, HTTP.sendRaw("PUT", simulator.baseUrl() + "/admin/instances/" + instanceId + "/faults", json,
                Map.of("Content-Type", "application/json")).status());
    }

    private static String shared(String instanceId, String field) {
        return redis.cli("HGET", RedisKeys.connectInstance(instanceId), field);
    }

    /** The pods' views of an instance ({@code <VIEW>@<time>}; not the hash's {@code :since}). */
    private static List<String> views(String instanceId) {
        return redis.cli("HVALS", RedisKeys.connectInstanceViews(instanceId)).lines().filter(l -> l.contains("@"))
                .toList();
    }

    private static String health(ServiceProcess gateway) {
        return HTTP.send("GET", gateway.baseUrl() + "/q/health/group/connect", null, Map.of()).body();
    }

    private static double probes(ServiceProcess gateway, String instanceId, String result) {
        Matcher m = Pattern.compile("mobility_connect_probes_total\\{instance_id=\"" + instanceId
                + "\"[^}]*result=\"" + result + "\"[^}]*} ([0-9.E]+)")
                .matcher(HTTP.send("GET", gateway.baseUrl() + "/q/metrics", null, Map.of()).body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
