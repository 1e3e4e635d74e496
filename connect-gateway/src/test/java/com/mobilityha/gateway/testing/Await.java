package com.mobilityha.gateway.testing;

import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/** Waiting in tests for what the gateway will do shortly (bounded; fails with what was awaited). */
public final class Await {
    private Await() {
    }

    /** Waits until the condition holds, at most 10 s. */
    public static void until(BooleanSupplier condition, String what) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            sleep(50);
        }
        throw new AssertionError("Timed out waiting for: " + what);
    }

    /** Waits until the gateway's {@code connect} health group shows the instance in this state. */
    public static void instanceState(String instanceId, String state) {
        until(() -> {
            Matcher m = Pattern.compile("\"[a-z]+ " + instanceId + "\"\\s*:\\s*\"([A-Z]+)\"")
                    .matcher(given().get("/q/health/group/connect").asString());
            return m.find() && state.equals(m.group(1));
        }, instanceId + " " + state);
    }

    /** Sleeps, keeping the interrupt. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
