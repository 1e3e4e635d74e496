package com.mobilityha.systemtests.demo;

import com.mobilityha.localstack.redis.RedisSecurity;
import com.mobilityha.systemtests.monitoring.LocalPrometheus;
import com.mobilityha.systemtests.stack.LocalStack;
import com.mobilityha.systemtests.stack.Site;
import com.mobilityha.systemtests.stack.StackPorts;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Starts both local sites on the documented ports and a Prometheus watching them with the repository's
 * alert rules, runs the narrated {@link HaDrill} with the reference app, then keeps everything up until
 * Ctrl-C ({@code --once}: exits after the drill, non-zero when a step failed).
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) throws InterruptedException {
        boolean once = List.of(args).contains("--once");
        long start = System.nanoTime();
        System.out.println("== Mobility HA — two sites, two Amazon Connect instances ==");
        LocalStack stack = LocalStack.startTwoSites(StackPorts.demo(), line -> System.out.println("  started " + line),
                LocalStack.CONNECT_QUOTAS, Site.AS_MANIFESTS);
        LocalPrometheus prometheus = LocalPrometheus.start(stack::metricsTargets, stack.redisServers());
        System.out.println("  started Prometheus            " + prometheus.url() + "  (scrapes both sites' management ports "
                + "and the shared Redis through redis_exporter every second; alert rules of k8s/monitoring)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping both sites…");
            prometheus.close();
            stack.close();
            stopped.countDown();
        }, "demo-shutdown"));
        System.out.printf("  both sites up in %.1f s%n%n", (System.nanoTime() - start) / 1e9);

        System.out.println("The drill (alice's iPhone runs the reference app; t = time since the drill began):");
        boolean passed = drill(stack, prometheus);

        if (once) {
            System.exit(passed ? 0 : 1);
        }
        String primary = stack.site("primary").url();
        System.out.println();
        System.out.println("Both sites stay up. Try:");
        System.out.println("  " + primary + "/admin/   # operations console in a browser: "
                + LocalStack.CONSOLE_ADMIN + " / " + LocalStack.PASSWORD);
        System.out.println("  bin/mobile " + primary + "        # the phone app on a terminal: login acme bob "
                + LocalStack.PASSWORD);
        System.out.println("  curl -s " + primary + "/api/v1/companies/acme/settings");
        System.out.println("  curl -s http://127.0.0.1:8090/admin/instances   # the Connect simulator's state");
        System.out.println("  " + prometheus.url() + "/alerts   # the admins' Prometheus: alert rules and their state");
        System.out.println("  redis-cli -p " + stack.redisMasterPort() + " " + String.join(" ", RedisSecurity.local().cliArguments(RedisSecurity.ADMIN))
                + " INFO replication   # the shared Redis master: TLS only, ACL users (this run's admin password)");
        System.out.println("Ctrl-C stops everything.");
        stopped.await();
    }

    /** Runs the drill; a step that broke off (an exception, not a failed check) counts as failed. */
    private static boolean drill(LocalStack stack, LocalPrometheus prometheus) {
        try {
            return new HaDrill(stack, prometheus, System.out).run();
        } catch (RuntimeException e) {
            System.out.println("  ✗ the drill broke off: " + e);
            e.printStackTrace(System.out);
            return false;
        }
    }
}
