package com.mobilityha.systemtests.process;

import com.mobilityha.localstack.process.FreePorts;
import com.mobilityha.localstack.process.ServiceJvm;
import com.mobilityha.localstack.process.ServiceJvm.AotCache;
import com.mobilityha.localstack.process.ServiceJvm.Jar;
import com.mobilityha.localstack.process.ServiceProcess;
import com.mobilityha.systemtests.app.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A service JVM on a JDK 24+ trains its module's AOT cache and starts from it ({@link ServiceJvm}), shown on the
 * bare Quarkus app (bench-baseline, fast jar): the training run writes {@code app.aot} when it is stopped, the
 * next start reads it (with {@code -XX:AOTMode=on} a start that could not would fail), and a start asked to use a
 * cache that is not there fails saying how to train one.
 */
class AotCacheTest {
    private static final Duration READY = Duration.ofSeconds(90);
    private static final Path MODULE = ServiceProcess.module("bench-baseline");
    private static final Path CACHE = Jar.FAST_JAR.in(MODULE).resolve(ServiceJvm.CACHE_FILE);
    private static ServiceJvm jdk;

    @BeforeAll
    static void aJdkWithAnAotCache() throws IOException {
        Path home = Path.of(System.getProperty(ServiceJvm.JAVA_HOME_PROPERTY, "/usr/lib/jvm/temurin-25-jdk-amd64"));
        assumeTrue(Files.isExecutable(home.resolve("bin/java")) || System.getenv("CI") != null,
                "no JDK 24+ at " + home + " (name one with -D" + ServiceJvm.JAVA_HOME_PROPERTY + ")");
        jdk = new ServiceJvm(home, Jar.FAST_JAR, AotCache.OFF);
        assertTrue(jdk.featureRelease() >= 24, home + " is JDK " + jdk.featureRelease());
        Files.deleteIfExists(CACHE);
    }

    @AfterAll
    static void noCacheLeftBehind() throws IOException {
        Files.deleteIfExists(CACHE);
    }

    @Test
    void aTrainedCacheIsWrittenAtExitAndTheNextStartRunsFromIt() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> start(jdk.with(Jar.FAST_JAR, AotCache.USE)), "no cache yet: a start asked to use one refuses");
        assertTrue(refused.getMessage().contains(ServiceJvm.AOT_CACHE_PROPERTY + "=train"), refused.getMessage());

        try (ServiceProcess training = start(jdk.with(Jar.FAST_JAR, AotCache.TRAIN))) {
            training.awaitReady(READY);
            assertEquals(200, hello(training));
        }
        assertTrue(Files.exists(CACHE), "the training run wrote " + CACHE + " when it stopped");

        try (ServiceProcess cached = start(jdk.with(Jar.FAST_JAR, AotCache.USE))) {
            cached.awaitReady(READY);
            assertEquals(200, hello(cached), cached.logTail());
        }
    }

    private static ServiceProcess start(ServiceJvm jvm) {
        return ServiceProcess.start("bench-baseline", MODULE, FreePorts.next(), FreePorts.next(), Map.of(), jvm);
    }

    private static int hello(ServiceProcess app) {
        return new Http(Duration.ofSeconds(10)).send("GET", app.baseUrl() + "/hello", null, Map.of()).status();
    }
}
