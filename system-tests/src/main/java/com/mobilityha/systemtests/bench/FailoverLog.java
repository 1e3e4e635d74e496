package com.mobilityha.systemtests.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a failover's time went on the survivor, from a service's log (its lines start with the wall-clock time,
 * {@code HH:mm:ss.SSS}): a site takeover in session-service's (when it decided that the dead site's heartbeat
 * had lapsed, when every session was re-homed with its WAKE queued), an instance failover in connect-gateway's
 * (when both sites' views made the instance DOWN, when the first and the last RELOGIN batch were queued).
 */
final class FailoverLog {
    private static final Pattern TIME = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) ");
    private static final Pattern TAKEN_OVER = Pattern.compile("took over (\\d+) sessions");
    private static final Pattern RELOGIN_BATCH = Pattern.compile("DOWN \\(epoch \\d+\\): (\\d+) sessions of .* must sign in again");

    private FailoverLog() {
    }

    /** The site takeover after {@code failedAt} (the same day), as a sentence of seconds after it. */
    static String takeover(Path sessionServiceLog, LocalTime failedAt) {
        Optional<Double> decided = Optional.empty();
        for (String line : lines(sessionServiceLog)) {
            Optional<Double> at = secondsAfter(line, failedAt);
            if (at.isEmpty()) {
                continue;
            }
            if (line.contains("has no heartbeat")) {
                decided = at;
            }
            Matcher done = TAKEN_OVER.matcher(line);
            if (decided.isPresent() && done.find()) {
                return String.format("the survivor's takeover: decided %.2f s after the death (heartbeat lapsed), %s sessions"
                        + " re-homed and their WAKEs queued by %.2f s", decided.get(), done.group(1), at.get());
            }
        }
        return "the survivor's log shows no finished takeover";
    }

    /** The RELOGIN wave of the instance failover after {@code failedAt}, as a sentence of seconds after it. */
    static String reloginWave(Path gatewayLog, LocalTime failedAt) {
        Optional<Double> decided = Optional.empty();
        Optional<Double> first = Optional.empty();
        double last = 0;
        int sessions = 0;
        for (String line : lines(gatewayLog)) {
            Optional<Double> at = secondsAfter(line, failedAt);
            if (at.isEmpty()) {
                continue;
            }
            if (decided.isEmpty() && line.contains(" is DOWN for both sites")) {
                decided = at;
            }
            Matcher batch = RELOGIN_BATCH.matcher(line);
            if (decided.isPresent() && batch.find()) {
                first = first.or(() -> at);
                last = at.get();
                sessions += Integer.parseInt(batch.group(1));
            }
        }
        return decided.isEmpty() || first.isEmpty() ? "the survivor's gateway log shows no RELOGIN wave"
                : String.format("the survivor's gateway: DOWN for both sites %.2f s after the fault, %d sessions marked"
                + " and their RELOGINs queued from %.2f s to %.2f s", decided.get(), sessions, first.get(), last);
    }

    private static List<String> lines(Path log) {
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Double> secondsAfter(String line, LocalTime failedAt) {
        Matcher time = TIME.matcher(line);
        if (!time.find()) {
            return Optional.empty();
        }
        Duration after = Duration.between(failedAt, LocalTime.parse(time.group(1)));
        return after.isNegative() ? Optional.empty() : Optional.of(after.toNanos() / 1e9);
    }
}
