package com.mobilityha.session.reachability;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * The answer to a check-in.
 *
 * @param checkInEvery seconds until the app should check in again
 * @param unreachable  present when the watchdog made the agent non-routable while the phone was silent: offer
 *                     the agent to go Available again ({@code PUT /api/v1/agent/status})
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckIn(long checkInEvery, Unreachable unreachable) {

    /** The agent was set to {@code status} in Connect at {@code since}, the phone being silent. */
    @RegisterForReflection
    public record Unreachable(Instant since, String status) {
    }
}
