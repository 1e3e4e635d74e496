package com.mobilityha.systemtests.gateway;

import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.localstack.demo.DemoCompany;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.localstack.process.ServiceProcess;
import com.mobilityha.systemtests.stack.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static com.mobilityha.systemtests.gateway.GatewayPods.PRIMARY;
import static com.mobilityha.systemtests.gateway.GatewayPods.READY;
import static com.mobilityha.systemtests.gateway.GatewayPods.SECONDARY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * R7 over real processes: gateway pods started cold (their own JVMs, from the built jar, in the prod
 * profile) against the connect-simulator and one Redis, as a rolling update or a scale-out starts them.
 * A cold pod never declares Amazon Connect down; a real outage is still declared, once, when warm
 * pods agree.
 */
class ColdStartTest {
    private static final Duration OUTCOME = Duration.ofSeconds(30);

    private static GatewayPods pods;

    @BeforeAll
    static void connectAndRedis() {
        pods = GatewayPods.on(LocalStack.CONNECT_QUOTAS);
    }

    @AfterAll
    static void stop() {
        pods.close();
    }

    @BeforeEach
    void noGatewayYet() {
        pods.reset();
    }

    @Test
    void R7_fourGatewaysStartedAtOnceWhileConnectAnswersItsFirstCallsSlowlyDeclareNothingDown() {
        // Every instance answers its first eight calls (two per pod) after 1.5 s (cold connections, a
        // warming endpoint), far beyond the 800 ms probe timeout; four pods of two sites start at once
        // on two cores. Before warm-up and quorum, this declared both instances DOWN for the company.
        pods.fault(PRIMARY, "{\"latencyMs\":1500,\"slowNext\":8}");
        pods.fault(SECONDARY, "{\"latencyMs\":1500,\"slowNext\":8}");
        List<CompletableFuture<ServiceProcess>> starting = new ArrayList<>();
        for (String site : List.of("primary", "secondary", "primary", "secondary")) {
            ServiceProcess gateway = pods.start(site, Map.of());
            starting.add(CompletableFuture.supplyAsync(() -> gateway.awaitReady(READY)));
        }
        starting.forEach(CompletableFuture::join);

        for (String instance : List.of(PRIMARY, SECONDARY)) {
            Poll.require(() -> pods.answered(instance) >= 5, "the pods' probes got five answers from " + instance, OUTCOME);
            assertEquals("UP", pods.shared(instance, "state"), instance + " never left UP for the company");
            assertEquals("0", pods.shared(instance, "epoch"), instance + ": no transition at all");
            assertFalse(pods.views(instance).isEmpty(), "the probing pod reports its view once warm");
            assertTrue(pods.views(instance).stream().allMatch(v -> v.startsWith("UP@")), pods.views(instance).toString());
            for (ServiceProcess gateway : pods.gateways()) {
                assertEquals(0, pods.probes(gateway, instance, "failed"), gateway.baseUrl() + ": no probe of " + instance + " failed");
            }
        }
        assertEquals("0", pods.cli("XLEN", RedisKeys.failoverJournal(DemoCompany.CODE)), "no failover journaled (the RELOGIN wave is its duty)");

        pods.fault(PRIMARY, "{\"mode\":\"RESET\"}");
        Poll.require(() -> "DOWN".equals(pods.shared(PRIMARY, "state")), "a real outage is declared once pods are warm",
                OUTCOME);
        assertEquals("1", pods.shared(PRIMARY, "epoch"), "four pods saw it, exactly one did the failover's duties");
        assertEquals("UP", pods.shared(SECONDARY, "state"));
    }

    @Test
    void R7_anOutageAtStartUpIsNotDeclaredByALonePodInProbationButOnceASecondPodSeesIt() {
        pods.fault(PRIMARY, "{\"mode\":\"RESET\"}");
        ServiceProcess first = pods.start("primary", Map.of("gateway.connect.health.probation", "10m")).awaitReady(READY);
        Poll.require(() -> pods.probes(first, PRIMARY, "failed") >= 5, "the first pod's probes fail", OUTCOME);
        assertTrue(pods.health(first).matches("(?s).*\"primary " + PRIMARY + "\"\\s*:\\s*\"DOWN\".*"),
                "it routes around the instance itself");
        assertEquals("", pods.shared(PRIMARY, "state"), "but one pod in its probation is not the company's truth");
        assertEquals("UP", pods.shared(SECONDARY, "state"));

        pods.start("secondary", Map.of("gateway.connect.health.probation", "10m")).awaitReady(READY);
        Poll.require(() -> "DOWN".equals(pods.shared(PRIMARY, "state")), "DOWN once a second warm pod sees it too", OUTCOME);
        assertEquals("1", pods.shared(PRIMARY, "epoch"));
        Poll.require(() -> !"0".equals(pods.cli("XLEN", RedisKeys.failoverJournal(DemoCompany.CODE))), "the failover journaled", OUTCOME);
        assertEquals("1", pods.cli("XLEN", RedisKeys.failoverJournal(DemoCompany.CODE)), "once");

        pods.heal(PRIMARY);
        Poll.require(() -> "UP".equals(pods.shared(PRIMARY, "state")), "an answering instance is UP again on one pod's word",
                OUTCOME);
    }

    @Test
    void R7_anInstanceThatNeverAnswersEndsTheWarmUpAtItsDeadlineAndIsThenDeclaredDown() {
        pods.fault(PRIMARY, "{\"mode\":\"HANG\"}");
        ServiceProcess gateway = pods.start("primary", Map.of("gateway.connect.health.warmup-deadline", "3s",
                "gateway.connect.health.probation", "1s")).awaitReady(READY);
        Poll.require(() -> "DOWN".equals(pods.shared(PRIMARY, "state")), "DOWN once the warm-up gave up", OUTCOME);
        assertTrue(pods.probes(gateway, PRIMARY, "failed") >= 2, "probes that timed out count after the warm-up");
        assertEquals("UP", pods.shared(SECONDARY, "state"));
    }
}
