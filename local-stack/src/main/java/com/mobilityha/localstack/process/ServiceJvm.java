package com.mobilityha.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The JVM a service runs on: a JDK (its home), which of the module's builds it runs ({@link Jar}) and what it
 * does with the JDK's ahead-of-time cache (Project Leyden, JEP 483/514/515, JDK 24+), kept per module and build
 * as {@value #CACHE_FILE} beside {@code quarkus-run.jar}. A training run ({@link AotCache#TRAIN}) records what
 * the service loads, links and compiles while it works and writes the cache when it stops (SIGTERM; the JVM
 * assembles the cache at exit); a run {@link AotCache#USE} starts from it (and refuses to start without a usable
 * one: same JDK, same class path). Tests and the demo run what {@link #configured()} says: this JVM's own JDK,
 * the fast jar, no cache, unless {@value #JAVA_HOME_PROPERTY}, {@value #JAR_PROPERTY} and
 * {@value #AOT_CACHE_PROPERTY} say otherwise (as {@code bin/test} and {@code bin/demo} do, from {@code bin/aot-caches}).
 */
public record ServiceJvm(Path javaHome, Jar jar, AotCache aotCache) {
    /** The JDK home the service JVMs run on (default: the JDK running the caller). */
    public static final String JAVA_HOME_PROPERTY = "localstack.service-java-home";
    /** {@code fast-jar} (default) or {@code aot-jar}: see {@link Jar}. */
    public static final String JAR_PROPERTY = "localstack.service-jar";
    /** {@code off} (default), {@code train} or {@code use}: see {@link AotCache}. */
    public static final String AOT_CACHE_PROPERTY = "localstack.service-aot-cache";
    /** The cache's file name beside {@code quarkus-run.jar}, as Quarkus's own AOT packaging names it. */
    public static final String CACHE_FILE = "app.aot";
    /** A training JVM stopping assembles its cache in a child JVM before it exits: tens of seconds on a busy machine. */
    static final Duration TRAINING_EXIT = Duration.ofMinutes(3);

    /** Which of the module's Quarkus builds runs. */
    public enum Jar {
        /** Quarkus's default fast jar, {@code target/quarkus-app} (what {@code mvn package} builds). */
        FAST_JAR("quarkus-app"),
        /**
         * Quarkus's {@code aot-jar} packaging, {@code target/aot-app}: every class on the JDK's own class loaders,
         * which is what the AOT cache serves best (it helps the fast jar, whose own class loader defines most of
         * the application, less: docs/benchmarks.md, P5). Slower than the fast jar without a cache. Every build
         * packages it beside the fast jar (the parent POM's {@code aot-jar} execution).
         */
        AOT_JAR("aot-app");

        private final String directory;

        Jar(String directory) {
            this.directory = directory;
        }

        /** The build's directory (holding {@code quarkus-run.jar}) in a module. */
        public Path in(Path moduleDir) {
            return moduleDir.resolve("target").resolve(directory).toAbsolutePath().normalize();
        }

        /** {@code fast-jar} or {@code aot-jar}, as Quarkus names the packaging. */
        public String packaging() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** What a service JVM does with its module's AOT cache. */
    public enum AotCache {
        /** No cache (what JDKs before 24 can run). */
        OFF,
        /** A training run: writes the module's cache at exit (SIGTERM), replacing the one there. */
        TRAIN,
        /** Starts from the module's cache; fails to start if it is missing or does not fit this JDK and jar. */
        USE
    }

    /** The JVM the system properties ask for (this JVM's JDK, the fast jar and no cache by default). */
    public static ServiceJvm configured() {
        String home = System.getProperty(JAVA_HOME_PROPERTY, "").trim();
        return new ServiceJvm(home.isEmpty() ? current().javaHome() : Path.of(home),
                Jar.valueOf(property(JAR_PROPERTY, "fast-jar")), AotCache.valueOf(property(AOT_CACHE_PROPERTY, "off")));
    }

    /** The JDK running the caller, the fast jar, without a cache. */
    public static ServiceJvm current() {
        return new ServiceJvm(Path.of(System.getProperty("java.home")), Jar.FAST_JAR, AotCache.OFF);
    }

    /** The same JDK running {@code build} with another use of its cache. */
    public ServiceJvm with(Jar build, AotCache aot) {
        return new ServiceJvm(javaHome, build, aot);
    }

    /** The JDK's feature release (17, 25…), from its {@code release} file. */
    public int featureRelease() {
        try {
            String version = Files.readAllLines(javaHome.resolve("release")).stream()
                    .filter(line -> line.startsWith("JAVA_VERSION="))
                    .findFirst().orElseThrow(() -> new IllegalStateException(javaHome + "/release names no JAVA_VERSION"))
                    .replaceAll("[^0-9.]", "");
            return Integer.parseInt(version.split("\\.")[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(javaHome + " is not a JDK", e);
        }
    }

    /** E.g. {@code JDK 25 aot-jar + AOT cache}. */
    public String label() {
        return "JDK " + featureRelease() + (jar == Jar.FAST_JAR ? "" : " " + jar.packaging()) + switch (aotCache) {
            case OFF -> "";
            case TRAIN -> " training its AOT cache";
            case USE -> " + AOT cache";
        };
    }

    private static String property(String name, String fallback) {
        return System.getProperty(name, fallback).trim().toUpperCase(Locale.ROOT).replace('-', '_');
    }

    String javaBinary() {
        return javaHome.resolve("bin").resolve("java").toString();
    }

    /** The options for the cache of the build in {@code appDir}; a training run writes to {@code trainingOutput} first. */
    List<String> options(Path appDir, Path trainingOutput) {
        return switch (aotCache) {
            case OFF -> List.of();
            case TRAIN -> List.of("-XX:AOTCacheOutput=" + trainingOutput);
            case USE -> {
                Path cache = appDir.resolve(CACHE_FILE);
                if (!Files.exists(cache)) {
                    throw new IllegalStateException(cache + " is missing: run the service once with -D"
                            + AOT_CACHE_PROPERTY + "=train on this JDK (" + javaHome + ") first");
                }
                yield List.of("-XX:AOTMode=on", "-XX:AOTCache=" + cache);
            }
        };
    }

    /**
     * After a training JVM exited: its cache, written under a name of its own (replicas may train at once),
     * becomes the module's; nothing happens when it wrote none (killed before it could).
     */
    static void publish(Path trainingOutput, Path appDir) {
        if (Files.exists(trainingOutput)) {
            try {
                Files.move(trainingOutput, appDir.resolve(CACHE_FILE), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot publish the AOT cache " + trainingOutput, e);
            }
        }
    }
}
