package com.mobilityha.common.site;

import java.time.Duration;
import java.util.Optional;

/**
 * What Redis says of one site at one moment.
 *
 * @param heartbeatLeft how long its heartbeat lives without renewal; empty once it has lapsed
 * @param takenOverBy   the takeover of it still on record (cleared when it beats again)
 * @param sessions      how many sessions it serves (its site index)
 */
public record SiteRecord(String site, Optional<Duration> heartbeatLeft, Optional<Takeover> takenOverBy, long sessions) {

    /** Its heartbeat lives. */
    public boolean alive() {
        return heartbeatLeft.isPresent();
    }
}
