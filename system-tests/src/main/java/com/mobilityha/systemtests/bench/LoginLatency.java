package com.mobilityha.systemtests.bench;

import com.mobilityha.systemtests.app.Http.Answer;
import com.mobilityha.systemtests.stack.LocalStack;
import com.mobilityha.systemtests.stack.StackPorts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * P4: login latency on the server side, without the IdP's and Amazon Connect's time. Directory
 * logins of distinct agents run one after another against the local stack (real login-service,
 * gateway, session-service, Redis; dev IdP; Connect simulator); each answer's {@code Server-Timing}
 * splits its time into the IdP ({@code idp}), the gateway with its Connect calls ({@code connect}) and
 * session-service ({@code session}). The measure is {@code total - idp - connect}: login-service's own
 * work plus storing the session. Client-side latency over the same logins is printed for comparison.
 */
final class LoginLatency {
    private static final int WARM_UP = 100;
    private static final int MEASURED = 500;

    private LoginLatency() {
    }

    static String run() {
        try (LocalStack stack = LocalStack.start(StackPorts.free(), line -> System.out.println("started " + line))) {
            for (int i = 1; i <= WARM_UP; i++) {
                login(stack, i);
            }
            Map<String, List<Duration>> steps = new HashMap<>();
            List<Duration> own = new ArrayList<>();
            List<Duration> client = new ArrayList<>();
            for (int i = WARM_UP + 1; i <= WARM_UP + MEASURED; i++) {
                Answer answer = login(stack, i);
                Map<String, Double> timing = serverTiming(answer.serverTiming());
                timing.forEach((step, millis) -> steps.computeIfAbsent(step, k -> new ArrayList<>()).add(millis(millis)));
                own.add(millis(timing.get("total") - timing.getOrDefault("idp", 0.0)
                        - timing.getOrDefault("connect", 0.0)));
                client.add(answer.elapsed());
            }
            steps.forEach((step, samples) -> System.out.printf("%-8s %s%n", step, Stats.of(samples).describe()));
            System.out.printf("client   %s%n", Stats.of(client).describe());
            Stats ownStats = Stats.of(own);
            return String.format("P4 login server-side latency excluding IdP and Connect: p50 %.2f ms, p99 %.2f ms "
                            + "(%d directory logins of distinct agents, one at a time; total server time p50 %.2f ms, "
                            + "IdP p50 %.2f ms, gateway+Connect p50 %.2f ms, client-side p50 %.2f ms)",
                    ownStats.percentileMillis(0.50), ownStats.percentileMillis(0.99), MEASURED,
                    Stats.of(steps.get("total")).percentileMillis(0.50), Stats.of(steps.get("idp")).percentileMillis(0.50),
                    Stats.of(steps.get("connect")).percentileMillis(0.50), Stats.of(client).percentileMillis(0.50));
        }
    }

    private static Answer login(LocalStack stack, int agent) {
        Answer answer = stack.newApp().login(LocalStack.COMPANY, String.format("agent%04d", agent), LocalStack.PASSWORD);
        if (answer.status() != 201) {
            throw new IllegalStateException("login of agent " + agent + ": " + answer.summary() + " " + answer.body());
        }
        return answer;
    }

    /** {@code idp;dur=1.2, connect;dur=3.4} → step to milliseconds. */
    private static Map<String, Double> serverTiming(String header) {
        Map<String, Double> steps = new HashMap<>();
        for (String metric : header.split(",")) {
            String[] parts = metric.trim().split(";dur=");
            if (parts.length == 2) {
                steps.put(parts[0], Double.parseDouble(parts[1]));
            }
        }
        if (!steps.containsKey("total")) {
            throw new IllegalStateException("no Server-Timing on the login answer: '" + header + "'");
        }
        return steps;
    }

    private static Duration millis(double millis) {
        return Duration.ofNanos(Math.round(millis * 1e6));
    }
}
