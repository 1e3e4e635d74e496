package com.mobilityha.gateway.testing;


import com.mobilityha.localstack.process.Poll;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.mobilityha.localstack.quarkustest.ManagementInterface.management;

/** Waiting in tests for what the gateway will do shortly (bounded; fails with what was awaited). */
public final class Await {
    private Await() {
    }

    /** Waits until the condition holds, at most 10 s. */
    public static void until(BooleanSupplier condition, String what) {
        Poll.require(condition, what, Duration.ofSeconds(10));
    }

    /**
     * Waits until the gateway has started: its probes are warm, so they count (at most 30 s: a
     * warm-up gives up after its 20 s deadline).
     */
    public static void started() {
        Poll.require(() -> management().get("/health/started").statusCode() == 200, "the gateway started (probes warm)",
                Duration.ofSeconds(30));
    }

    /** Waits until the gateway's {@code connect} health group shows the instance in this state. */
    public static void instanceState(String instanceId, String state) {
        until(() -> {
            Matcher m = Pattern.compile("\"[a-z]+ " + instanceId + "\"\\s*:\\s*\"([A-Z]+)\"")
                    .matcher(management().get("/health/group/connect").asString());
            return m.find() && state.equals(m.group(1));
        }, instanceId + " " + state);
    }

    /** Sleeps, keeping the interrupt. */
    public static void sleep(long millis) {
        Poll.sleep(millis);
    }
}
