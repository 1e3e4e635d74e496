package com.mobilityha.mobile.site;

import java.time.Duration;

/**
 * How the app races the company's sites (Happy Eyeballs, RFC 8305 style): the {@code timeout} of each
 * request, the {@code headStart} the preferred site gets before the next one is asked too, how long the site
 * a probe's answer names may take to answer its own probe once another site answered ({@code namedSiteWait}),
 * and how long the app remembers what it saw of a site ({@code memory}: a site that failed is asked last, a
 * site that failed or fell silent gets no head start, a site that answered is sent unsafe requests without a
 * probe).
 */
public record RaceSettings(Duration timeout, Duration headStart, Duration namedSiteWait, Duration memory) {
    /** RFC 8305 recommends 250 ms between connection attempts; a request also pays TLS and the server's work. */
    public static final Duration DEFAULT_HEAD_START = Duration.ofMillis(300);
    /**
     * Long enough for a site that is only slow (a JVM just restarted, a busy node) to keep the logins the
     * server sends it; short enough to leave S2 under 2 s when it does not answer at all.
     */
    public static final Duration DEFAULT_NAMED_SITE_WAIT = Duration.ofSeconds(1);
    /** Short-lived: a site that failed is asked first again (re-probed) once this has passed. */
    public static final Duration DEFAULT_MEMORY = Duration.ofSeconds(30);

    public RaceSettings {
        if (timeout.isNegative() || timeout.isZero() || headStart.isNegative() || namedSiteWait.isNegative()
                || memory.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, the other durations not negative");
        }
    }

    /** The app's settings: this request timeout, the default head start, wait for the named site and memory. */
    public static RaceSettings of(Duration timeout) {
        return new RaceSettings(timeout, DEFAULT_HEAD_START, DEFAULT_NAMED_SITE_WAIT, DEFAULT_MEMORY);
    }

    /**
     * No race: the next site is asked only once the preferred one failed or timed out, as a load generator's
     * phones do (hundreds of apps on the servers' own machine make a site slow, not unreachable).
     */
    public static RaceSettings sequential(Duration timeout) {
        return new RaceSettings(timeout, timeout, timeout, DEFAULT_MEMORY);
    }
}
