package com.mobilityha.systemtests.gateway;

import com.mobilityha.localstack.connect.ConnectQuotas;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.localstack.process.ServiceProcess;
import com.mobilityha.systemtests.junit.LongRunning;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import static com.mobilityha.systemtests.gateway.GatewayPods.PRIMARY;
import static com.mobilityha.systemtests.gateway.GatewayPods.READY;
import static com.mobilityha.systemtests.gateway.GatewayPods.SECONDARY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * B9 over real processes on Amazon Connect's default quotas (DescribeInstance: 2 requests/s per
 * account and Region, the simulator throttling as AWS does): of four gateway pods of two sites, one pod
 * per site probes each instance, both sites together under 10 % of that quota while all is calm; a dead
 * prober is replaced by a pod of its site; a real outage is still declared by both sites, and Connect
 * throttles none of it.
 */
@LongRunning
class ProbeBudgetTest {
    /**
     * Not a multiple of the 12.5 s calm interval: each site probes at most 3 times in it (its probes fall on
     * 1 s ticks, 12 or 13 s apart), so a window's fence posts cannot pass for a rate over the budget.
     */
    private static final Duration AT_REST = Duration.ofSeconds(35);
    private static final double QUOTA = 2.0;
    private static final Duration OUTCOME = Duration.ofSeconds(40);
    private static final List<String> SITES = List.of("primary", "secondary");

    private static GatewayPods pods;

    @BeforeAll
    static void fourPodsOfTwoSites() {
        pods = GatewayPods.on(ConnectQuotas.AWS_DEFAULT);
        List<CompletableFuture<ServiceProcess>> starting = new ArrayList<>();
        for (String site : List.of("primary", "secondary", "primary", "secondary")) { // two pods per site
            ServiceProcess gateway = pods.start(site, Map.of());
            starting.add(CompletableFuture.supplyAsync(() -> gateway.awaitReady(READY)));
        }
        starting.forEach(CompletableFuture::join);
    }

    @AfterAll
    static void stop() {
        pods.close();
    }

    @Test
    void B9_onePodPerSiteProbesEachInstanceBothUnderATenthOfItsQuotaAndADeadProberIsReplacedByItsSite()
            throws InterruptedException {
        for (String site : SITES) {
            Poll.require(() -> prober(PRIMARY, site) != null && prober(SECONDARY, site) != null,
                    "one pod of site " + site + " probes each instance", OUTCOME);
        }
        double throttledBefore = throttled(PRIMARY);
        double rate = probesPerSecond(PRIMARY, AT_REST);
        System.out.printf("B9 probes at rest: %.2f DescribeInstance/s per instance with 4 pods of 2 sites = %.1f %% of"
                + " the %.0f/s quota%n", rate, rate / QUOTA * 100, QUOTA);
        assertTrue(rate / QUOTA < 0.10, "calm probing used " + rate + "/s, not under 10 % of " + QUOTA + "/s");
        assertTrue(rate > 0, "and it does probe");

        ServiceProcess prober = prober(PRIMARY, "primary");
        double answeredBefore = pods.answered(PRIMARY);
        prober.kill();
        Poll.require(() -> prober(PRIMARY, "primary") != null && prober(PRIMARY, "primary") != prober,
                "the other pod of site primary took the probing over", OUTCOME);
        Poll.require(() -> pods.answered(PRIMARY) > answeredBefore, "and its probes are answered", OUTCOME);
        assertEquals(throttledBefore, throttled(PRIMARY), "Connect throttled no probe");
    }

    @Test
    void B9_aRealOutageIsDeclaredOnceBothLiveSitesSeeItFailingWithinTheBudget() {
        pods.liveSites("primary", "secondary");
        double throttledBefore = throttled(SECONDARY);
        pods.fault(SECONDARY, "{\"mode\":\"RESET\"}");
        Poll.require(() -> "DOWN".equals(pods.shared(SECONDARY, "state")), "the outage declared", OUTCOME);
        Map<String, String> views = pods.viewsByPod(SECONDARY);
        assertEquals("1", pods.shared(SECONDARY, "epoch"), "once");
        for (String site : SITES) {
            assertTrue(views.entrySet().stream().anyMatch(v -> v.getKey().startsWith(site + "/")
                    && v.getValue().matches("(DOWN|SUSPECT)@.*")), "a pod of site " + site + " saw it failing: " + views);
        }
        pods.heal(SECONDARY);
        Poll.require(() -> "UP".equals(pods.shared(SECONDARY, "state")), "UP again", OUTCOME);
        assertEquals(throttledBefore, throttled(SECONDARY), "Connect throttled no probe, in doubt or after");
    }

    /** The live pod of {@code site} probing the instance now (its gauge says so), or null. */
    private static ServiceProcess prober(String instanceId, String site) {
        Pattern probing = Pattern.compile("mobility_connect_instance_probing\\{instance_id=\"" + instanceId
                + "\"[^}]*} 1\\.0");
        for (ServiceProcess gateway : pods.gateways(site)) {
            if (gateway.isAlive() && probing.matcher(pods.metrics(gateway)).find()) {
                return gateway;
            }
        }
        return null;
    }

    private static double probesPerSecond(String instanceId, Duration window) throws InterruptedException {
        double before = pods.connectCalls(instanceId, "DescribeInstance", "ok");
        Thread.sleep(window.toMillis());
        return (pods.connectCalls(instanceId, "DescribeInstance", "ok") - before) / window.toSeconds();
    }

    /**
     * Probes Connect throttled. Counted from when the pods are ready: a cold JVM takes its budget token
     * well before its first request leaves (class loading), so four pods starting at once may bunch
     * their warm-up probes at Connect; each pod makes one or two.
     */
    private static double throttled(String instanceId) {
        return pods.connectCalls(instanceId, "DescribeInstance", "throttled");
    }
}
