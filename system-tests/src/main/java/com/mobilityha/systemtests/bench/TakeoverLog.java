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
 * Where a site takeover's time went, from the survivor's session-service log (its lines start with the
 * wall-clock time, {@code HH:mm:ss.SSS}): when it decided that the dead site's heartbeat had lapsed, and
 * when every session was re-homed with its WAKE queued on the notification stream.
 */
final class TakeoverLog {
    private static final Pattern TIME = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) ");
    private static final Pattern DONE = Pattern.compile("took over (\\d+) sessions");

    private TakeoverLog() {
    }

    /** The takeover after {@code failedAt} (the same day), as a sentence of seconds after it. */
    static String read(Path log, LocalTime failedAt) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Optional<Double> decided = Optional.empty();
        for (String line : lines) {
            Optional<Double> at = secondsAfter(line, failedAt);
            if (at.isEmpty()) {
                continue;
            }
            if (line.contains("has no heartbeat")) {
                decided = at;
            }
            Matcher done = DONE.matcher(line);
            if (decided.isPresent() && done.find()) {
                return String.format("the survivor's takeover: decided %.2f s after the death (heartbeat lapsed), %s sessions"
                        + " re-homed and their WAKEs queued by %.2f s", decided.get(), done.group(1), at.get());
            }
        }
        return "the survivor's log shows no finished takeover";
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
