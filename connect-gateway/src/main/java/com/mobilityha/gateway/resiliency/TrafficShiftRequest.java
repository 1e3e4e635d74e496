package com.mobilityha.gateway.resiliency;

import com.mobilityha.common.problem.Validator;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/admin/traffic-distributions/{companyCode}/shifts}: the Region to shift the company's
 * traffic to (the source's: a fail-back), whether in waves of 10 % ({@code inWaves}, absent: all at once)
 * and the pause between two waves ({@code pauseSeconds}, 1 to 3600, absent: 60).
 */
@RegisterForReflection
public record TrafficShiftRequest(String region, Boolean inWaves, Integer pauseSeconds) {
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]");
    private static final int DEFAULT_PAUSE_SECONDS = 60;
    private static final int MAX_PAUSE_SECONDS = 3600;

    static void validate(TrafficShiftRequest request) {
        Validator.of(request).text("region", request.region(), 32, REGION)
                .check(request.pauseSeconds() == null || request.pauseSeconds() >= 1 && request.pauseSeconds() <= MAX_PAUSE_SECONDS,
                        "pauseSeconds", "must be from 1 to " + MAX_PAUSE_SECONDS)
                .done();
    }

    boolean waves() {
        return Boolean.TRUE.equals(inWaves);
    }

    Duration pause() {
        return Duration.ofSeconds(pauseSeconds == null ? DEFAULT_PAUSE_SECONDS : pauseSeconds);
    }
}
