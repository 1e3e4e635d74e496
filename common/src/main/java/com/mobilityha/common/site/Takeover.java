package com.mobilityha.common.site;

import java.util.Optional;

/** Who took over a dead site, and at which fencing epoch; stored as {@code <survivor>:<epoch>}. */
public record Takeover(String survivor, long epoch) {

    /** The stored form. */
    public String record() {
        return survivor + ":" + epoch;
    }

    /** The takeover a stored record names; empty for none (or for a record this version cannot read). */
    public static Optional<Takeover> parse(String record) {
        int colon = record == null ? -1 : record.lastIndexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Takeover(record.substring(0, colon), Long.parseLong(record.substring(colon + 1))));
        } catch (NumberFormatException unreadable) {
            return Optional.empty();
        }
    }
}
