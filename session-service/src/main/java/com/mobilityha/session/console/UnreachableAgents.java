package com.mobilityha.session.console;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * B8: a company's agents the reachability watchdog made non-routable in Connect (their phone fell silent and did
 * not answer a WAKE), until each chooses a status again.
 *
 * @param count  how many there are
 * @param agents the longest unreachable first, at most the limit asked for
 */
@RegisterForReflection
public record UnreachableAgents(long count, List<Agent> agents) {

    /**
     * One agent made non-routable.
     *
     * @param since        when the watchdog set them to {@code status} in Connect
     * @param status       the non-routable status it set (the company's {@code unreachable-status})
     * @param lastSeenAt   when their phone was last known reachable
     * @param lastSeenBy   how: {@code CHECK_IN}, {@code PUSH_ACK} or {@code ON_CALL}
     * @param back         the phone answered again since: its app offers the agent to go Available
     * @param instanceRole the Connect instance of their session
     */
    @RegisterForReflection
    public record Agent(String username, String site, String instanceRole, Instant since, String status,
                        Instant lastSeenAt, String lastSeenBy, boolean back) {
    }
}
