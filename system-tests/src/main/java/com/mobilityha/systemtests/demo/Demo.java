package com.mobilityha.systemtests.demo;

import com.mobilityha.systemtests.stack.LocalStack;
import com.mobilityha.systemtests.stack.StackPorts;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the local site on the documented ports, walks through the slice (settings → login →
 * session → agent status → push) printing each step with its timings, then keeps the site up until
 * Ctrl-C ({@code --once}: exits after the walk-through).
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) throws InterruptedException {
        boolean once = List.of(args).contains("--once");
        long start = System.nanoTime();
        System.out.println("== Mobility HA — local site (one site, two Connect instances) ==");
        LocalStack stack = LocalStack.start(StackPorts.demo(), line -> System.out.println("  started " + line));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the local site…");
            stack.close();
            stopped.countDown();
        }, "demo-shutdown"));
        System.out.printf("  site up in %.1f s%n%n", (System.nanoTime() - start) / 1e9);

        boolean passed = new SliceWalkthrough(stack, System.out).run();

        if (once) {
            System.exit(passed ? 0 : 1);
        }
        System.out.println();
        System.out.println("The site stays up. Try:");
        System.out.println("  curl -s http://127.0.0.1:8081/api/v1/companies/acme/settings");
        System.out.println("  curl -s -XPOST -H 'Content-Type: application/json' http://127.0.0.1:8081/api/v1/logins \\");
        System.out.println("       -d '{\"companyCode\":\"acme\",\"username\":\"bob\",\"password\":\"" + LocalStack.PASSWORD + "\"}'");
        System.out.println("  curl -s http://127.0.0.1:8090/admin/instances   # the Connect simulator's state");
        System.out.println("Ctrl-C stops everything.");
        stopped.await();
    }
}
