package com.mobilityha.common.company;

import java.time.Duration;
import java.util.Optional;

/**
 * B8: how a company's agents' phones are watched. A phone silent (no check-in, no acknowledged push) for
 * {@code wakeAfter} gets a WAKE; still silent after {@code unreachableAfter}, its agent, if Available and not
 * on a contact, is set to {@code unreachableStatus} in Connect. The app checks in every {@code checkInEvery}.
 *
 * @param unreachableStatus the non-routable Connect status; empty: the company is not watched
 * @param availableOnReturn a phone that comes back makes its agent Available by itself (else it is offered)
 */
public record ReachabilityWatch(Optional<String> unreachableStatus, Duration checkInEvery, Duration wakeAfter,
                                Duration unreachableAfter, boolean availableOnReturn) {

    /** The watch of a company's configuration; timings out of order fail the start. */
    static ReachabilityWatch of(String companyCode, CompaniesConfig.ReachabilityConfig config) {
        ReachabilityWatch watch = new ReachabilityWatch(config.unreachableStatus().filter(s -> !s.isBlank()),
                config.checkInEvery(), config.wakeAfter(), config.unreachableAfter(), config.availableOnReturn());
        if (watch.unreachableStatus.filter(s -> s.equalsIgnoreCase("Offline")).isPresent()) {
            throw new IllegalArgumentException("mobility.companies." + companyCode
                    + ".reachability.unreachable-status: never Offline, so that reporting shows why the agent left");
        }
        if (watch.checkInEvery.isZero() || watch.checkInEvery.compareTo(watch.wakeAfter) >= 0
                || watch.wakeAfter.compareTo(watch.unreachableAfter) >= 0) {
            throw new IllegalArgumentException("mobility.companies." + companyCode
                    + ".reachability: 0 < check-in-every < wake-after < unreachable-after");
        }
        return watch;
    }

    /** Whether the company's agents' phones are watched. */
    public boolean watched() {
        return unreachableStatus.isPresent();
    }
}
