package com.mobilityha.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A built Quarkus application ({@code target/quarkus-app/quarkus-run.jar}) running as its own JVM
 * process on a loopback port, with its management interface (health, metrics) on a second one, started
 * with system properties and awaited on {@code /q/health/ready}, on the JDK and with the AOT cache its
 * {@link ServiceJvm} says. Tests, the demo and the benchmarks run the real services this way.
 */
public final class ServiceProcess implements AutoCloseable {
    /** Options every service JVM gets ahead of its own, whitespace-separated (set by the tests' Surefire). */
    public static final String JVM_OPTIONS_PROPERTY = "localstack.service-jvm-options";
    private final String name;
    private final int port;
    private final int managementPort;
    private final Process process;
    private final Path log;
    private final ServiceJvm jvm;
    private final Path appDir;
    private final Path trainingOutput;

    private ServiceProcess(String name, int port, int managementPort, Process process, Path log, ServiceJvm jvm,
                           Path appDir, Path trainingOutput) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.process = process;
        this.log = log;
        this.jvm = jvm;
        this.appDir = appDir;
        this.trainingOutput = trainingOutput;
    }

    /**
     * Starts {@code <moduleDir>/target/quarkus-app/quarkus-run.jar} (or the build {@link ServiceJvm#configured()}
     * names) on {@code port}.
     *
     * @param name       label for logs
     * @param moduleDir  the module's directory (contains target/)
     * @param port       HTTP port (the management interface gets a free port of its own)
     * @param properties extra system properties (-Dk=v)
     */
    public static ServiceProcess start(String name, Path moduleDir, int port, Map<String, String> properties) {
        return start(name, moduleDir, port, FreePorts.next(), properties);
    }

    /** As {@link #start(String, Path, int, Map)}, with the management interface on {@code managementPort}. */
    public static ServiceProcess start(String name, Path moduleDir, int port, int managementPort,
                                       Map<String, String> properties) {
        return start(name, moduleDir, port, managementPort, properties, ServiceJvm.configured());
    }

    /** As {@link #start(String, Path, int, int, Map)}, on {@code jvm} instead of the configured one. */
    public static ServiceProcess start(String name, Path moduleDir, int port, int managementPort,
                                       Map<String, String> properties, ServiceJvm jvm) {
        Path appDir = jvm.jar().in(moduleDir);
        Path jar = appDir.resolve("quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the module's " + jvm.jar().packaging()
                    + " first (mvn package; ServiceJvm.Jar says how)");
        }
        Path trainingOutput = appDir.resolve(ServiceJvm.CACHE_FILE + "." + name + "-" + port + ".training");
        List<String> command = new ArrayList<>(List.of(jvm.javaBinary()));
        command.addAll(extraJvmOptions());
        command.addAll(jvm.options(appDir, trainingOutput));
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC",
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.management.port=" + managementPort, "-Dquarkus.management.host=127.0.0.1",
                "-Dquarkus.log.console.json.enabled=false"));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar.toString()));
        try {
            Path logFile = Files.createTempFile(name + "-", ".log");
            Process process = ChildProcesses.start(new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(logFile.toFile()));
            return new ServiceProcess(name, port, managementPort, process, logFile, jvm, appDir, trainingOutput);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    /** Finds a sibling module directory from the current module's working directory. */
    public static Path module(String moduleName) {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(moduleName).resolve("src"))) {
                return dir.resolve(moduleName);
            }
        }
        throw new IllegalStateException("Module " + moduleName + " not found above " + here);
    }

    /** Waits until {@code /q/health/ready} answers 200. */
    public ServiceProcess awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause();
        }
        throw new IllegalStateException(name + " not ready within " + timeout + ":\n" + logTail());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The management interface: {@code /q/health/*}, {@code /q/metrics}, {@code /q/openapi}. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines of the process output, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public Path log() {
        return log;
    }

    /** SIGKILL, as a crashed pod. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGSTOP: the process freezes (a hung VM, a GC pause, a partition) without dying. */
    public void freeze() {
        Signals.freeze(process);
    }

    /** SIGCONT: a frozen process carries on where it stopped. */
    public void thaw() {
        Signals.thaw(process);
    }

    /**
     * Graceful stop (SIGTERM), SIGKILL if it has not exited within 10 s, or within minutes for a training run (it
     * writes its AOT cache at exit).
     */
    @Override
    public void close() {
        stop(jvm.aotCache() == ServiceJvm.AotCache.TRAIN ? ServiceJvm.TRAINING_EXIT : Duration.ofSeconds(10));
    }

    /**
     * SIGTERM (Quarkus's graceful shutdown), SIGKILL if it has not exited within {@code grace}; a training run's
     * AOT cache, if it wrote one, becomes its module's.
     */
    public void stop(Duration grace) {
        process.destroy();
        if (!waitForExit(grace)) {
            kill();
        }
        if (jvm.aotCache() == ServiceJvm.AotCache.TRAIN) {
            ServiceJvm.publish(trainingOutput, appDir);
        }
    }

    /** The JDK and AOT cache use it runs with. */
    public ServiceJvm jvm() {
        return jvm;
    }

    private boolean waitForExit() {
        return waitForExit(Duration.ofSeconds(10));
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The JVM options of {@value #JVM_OPTIONS_PROPERTY}, e.g. {@code -XX:TieredStopAtLevel=1}: the tests start
     * dozens of service JVMs and want each ready on little CPU; benchmarks leave it unset and measure the JIT
     * production runs.
     */
    private static List<String> extraJvmOptions() {
        String options = System.getProperty(JVM_OPTIONS_PROPERTY, "").trim();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
