package com.mobilityha.localstack.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A companies.properties file, as a site overlay defines the companies it serves, for services
 * started with {@code quarkus.config.locations} pointing at it.
 */
public final class CompaniesFile {
    private CompaniesFile() {
    }

    /** Writes the settings, one {@code key=value} line each in their order, under a comment line. */
    public static Path write(Path file, String comment, Map<String, String> settings) {
        String lines = settings.entrySet().stream().map(setting -> setting.getKey() + "=" + setting.getValue())
                .collect(Collectors.joining("\n", "# " + comment + "\n", "\n"));
        try {
            return Files.writeString(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
