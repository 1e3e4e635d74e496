package com.mobilityha.login.timing;

import jakarta.enterprise.context.RequestScoped;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Where one login request spent its time: the IdP ({@code idp}), connect-gateway and Amazon Connect
 * ({@code connect}), session-service ({@code session}). Answered as a {@code Server-Timing} header, so
 * apps and {@code bin/bench P4} can tell the server's own time from its dependencies'.
 */
@RequestScoped
public class LoginTimings {
    private final Map<String, Long> nanos = new LinkedHashMap<>();

    /** Runs one step of the login and adds its duration to the step's total. */
    public <T> T time(String step, Supplier<T> call) {
        long start = System.nanoTime();
        try {
            return call.get();
        } finally {
            nanos.merge(step, System.nanoTime() - start, Long::sum);
        }
    }

    /** The {@code Server-Timing} value: each step and the whole request ({@code total}), in milliseconds. */
    public String header(long totalNanos) {
        Map<String, Long> all = new LinkedHashMap<>(nanos);
        all.put("total", totalNanos);
        return all.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s;dur=%.3f", e.getKey(), e.getValue() / 1e6))
                .collect(Collectors.joining(", "));
    }
}
