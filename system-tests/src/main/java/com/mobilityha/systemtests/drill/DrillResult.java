package com.mobilityha.systemtests.drill;

import java.util.OptionalLong;

/**
 * What one drill measured, each time from the moment the failure was caused: until the servers
 * detected it, until the first push reached the phone, until the agent could work again (empty
 * where the drill has no such moment), and what the agent saw.
 */
public record DrillResult(String row, String drill, OptionalLong detectionMillis, OptionalLong firstPushMillis,
                          OptionalLong workingAgainMillis, String agentSaw) {

    /** One line for a console summary. */
    public String summary() {
        return String.format("%-4s %s: detected %s, first push %s, working again %s; %s", row, drill,
                format(detectionMillis), format(firstPushMillis), format(workingAgainMillis), agentSaw);
    }

    static String format(OptionalLong millis) {
        return millis.isPresent() ? String.format("%.2f s", millis.getAsLong() / 1000.0) : "–";
    }
}
