package com.mobilityha.localstack.quarkustest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The service a {@code @QuarkusTest} runs, read from its {@code application.properties} before the
 * application starts (test resources start first): e.g. to give it its own Redis ACL user.
 */
final class TestedService {
    private TestedService() {
    }

    /** Its {@code quarkus.application.name}. */
    static String name() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("application.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            String name = properties.getProperty("quarkus.application.name");
            if (name == null) {
                throw new IllegalStateException("the tested service's application.properties names no quarkus.application.name");
            }
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
