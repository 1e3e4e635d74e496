package com.mobilityha.systemtests.bench;

import com.mobilityha.systemtests.app.AppClient;
import com.mobilityha.systemtests.app.Http.Answer;
import com.mobilityha.systemtests.stack.LocalStack;
import com.mobilityha.systemtests.stack.StackPorts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * P2, instance half: agents logged in on the primary Connect instance with a registered iPhone;
 * the instance dies (connections reset); measured on the device side (mock APNs) is the time from
 * the death to the first and to the last RELOGIN push. The site half belongs to the site failover.
 */
final class InstanceFailoverTiming {
    private static final int AGENTS = 200;
    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    private InstanceFailoverTiming() {
    }

    static String run() throws InterruptedException {
        try (LocalStack stack = LocalStack.start(StackPorts.free(), line -> System.out.println("started " + line))) {
            List<String> devices = new ArrayList<>();
            for (int i = 1; i <= AGENTS; i++) {
                AppClient app = stack.newApp();
                String username = String.format("agent%04d", i);
                Answer login = app.login(LocalStack.COMPANY, username, LocalStack.PASSWORD);
                if (login.status() != 201) {
                    throw new IllegalStateException("login of " + username + ": " + login.summary());
                }
                String device = stack.apns().newDeviceToken();
                app.registerApnsDevice(device, LocalStack.APP_ID);
                devices.add(device);
            }
            System.out.printf("%d agents logged in on the primary instance, each with a registered iPhone%n", AGENTS);

            long killed = System.nanoTime();
            stack.faultInstance(LocalStack.PRIMARY_INSTANCE, "RESET");
            List<Long> receivedAt = new ArrayList<>();
            long deadline = killed + GIVE_UP.toNanos();
            List<String> pending = new ArrayList<>(devices);
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                for (String device : List.copyOf(pending)) {
                    boolean relogin = stack.apns().receivedBy(device).stream()
                            .anyMatch(n -> n.getPayload().contains("\"kind\":\"RELOGIN\""));
                    if (relogin) {
                        pending.remove(device);
                        receivedAt.add(System.nanoTime());
                    }
                }
                Thread.sleep(10);
            }
            if (receivedAt.isEmpty()) {
                return "P2 instance death -> RELOGIN: no device was told within " + GIVE_UP.toSeconds() + " s";
            }
            double first = (receivedAt.stream().mapToLong(Long::longValue).min().orElseThrow() - killed) / 1e9;
            double last = (receivedAt.stream().mapToLong(Long::longValue).max().orElseThrow() - killed) / 1e9;
            System.out.printf("first RELOGIN on a device after %.2f s, last after %.2f s, %d of %d devices told%n",
                    first, last, receivedAt.size(), AGENTS);
            return String.format("P2 instance death -> RELOGIN on the device: first %.2f s, all %d devices %.2f s "
                            + "(goal <= 3 s; probe every 1 s, DOWN after 2 failed probes; %d never told; "
                            + "site half: not measured yet)",
                    first, receivedAt.size(), last, pending.size());
        }
    }
}
