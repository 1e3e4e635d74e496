package com.mobilityha.systemtests.bench;

import com.mobilityha.localstack.process.FreePorts;
import com.mobilityha.localstack.process.ServiceJvm;
import com.mobilityha.localstack.process.ServiceJvm.AotCache;
import com.mobilityha.localstack.process.ServiceJvm.Jar;
import com.mobilityha.localstack.process.ServiceProcess;
import com.mobilityha.systemtests.app.Http;
import com.mobilityha.systemtests.kube.Deployment;
import com.mobilityha.systemtests.stack.LocalStack;
import com.mobilityha.systemtests.stack.Site;
import com.mobilityha.systemtests.stack.StackPorts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * P5: start time (spawn → readiness 200), CPU used until ready and RSS of each service in JVM mode, each as a
 * ratio to a bare Quarkus REST app (bench-baseline) started with the same JVM flags in the same run, on three
 * JVMs: this JDK (17) and a JDK 24+ running the fast jar without a cache, and that JDK running the aot-jar build
 * with the app's own AOT cache, trained by the bench beforehand ({@link AotTraining}; the build packages the
 * aot-jars).
 */
final class StartupFootprint {
    private static final Pattern STARTED_IN = Pattern.compile("started in ([0-9.]+)s");
    private static final Duration READY = Duration.ofSeconds(90);
    private static final int BASELINE_RUNS = 3;
    private static final int WARMUP_REQUESTS = 200;
    private static final String PUBLISHED = "quarkus.io/guides/packaging publishes start times of ~0.4-3 s (fast jar), "
            + "~80-900 ms (AOT cache), ~20-300 ms (native executable)";

    private StartupFootprint() {
    }

    static String run() {
        ServiceJvm jdk17 = ServiceJvm.current();
        ServiceJvm aotJdk = aotJdk();
        ServiceJvm cached = aotJdk.with(Jar.AOT_JAR, AotCache.USE);
        ServiceJvm training = aotJdk.with(Jar.AOT_JAR, AotCache.TRAIN);
        List<ServiceJvm> jvms = List.of(jdk17, aotJdk, cached);
        String loadAtStart = ProcessCpu.loadAverage();
        AotTraining.baseline(training);
        List<Sample> baselines = new ArrayList<>(baselineRound(jvms));
        List<Sample> services = new ArrayList<>();
        try (LocalStack stack = LocalStack.start(StackPorts.free(), line -> System.out.println("started " + line))) {
            Site site = stack.site("primary");
            // The stack starts a site's services together, as pods its kubelets probe (a startup probe each second);
            // each is measured started again alone with the site's configuration, polled as the baseline is.
            for (String module : Site.SERVICES) {
                AotTraining.service(stack, site, module, training);
                for (ServiceJvm jvm : jvms) {
                    Deployment deployment = site.deployment(module);
                    services.add(timed(module, jvm, () -> deployment.startAlone(jvm)));
                }
                site.restartService(module, cached, line -> System.out.println("back on " + cached.label() + line));
            }
        }
        for (int i = 1; i < BASELINE_RUNS; i++) {
            baselines.addAll(baselineRound(jvms));
        }
        String loadAtEnd = ProcessCpu.loadAverage();
        System.out.printf("%n%-18s %-16s %9s %9s %6s %8s %8s %6s%n", "app", "JVM", "ready ms", "quarkus s", "CPU s",
                "RSS MiB", "start x", "RSS x");
        Map<ServiceJvm, Sample> base = new LinkedHashMap<>();
        for (ServiceJvm jvm : jvms) {
            Sample median = median(baselines.stream().filter(s -> s.jvm.equals(jvm)).toList());
            base.put(jvm, median);
            print(median, median);
        }
        services.forEach(s -> print(s, base.get(s.jvm)));
        Sample worstCached = worst(services, cached, s -> s.ready.toMillis());
        Sample worstCpu = worst(services, cached, Sample::cpuSeconds);
        Sample worst17 = worst(services, jdk17, s -> s.ready.toMillis());
        Sample worst25 = worst(services, aotJdk, s -> s.ready.toMillis());
        double rssCached = services.stream().filter(s -> s.jvm.equals(cached))
                .mapToDouble(s -> s.rssMib / base.get(cached).rssMib).max().orElseThrow();
        System.out.printf("%nCPU until ready, every service: %s; bare app %s%n", cpuSums(services, jvms), cpuOf(base));
        System.out.println("Context: " + PUBLISHED + ".");
        System.out.printf("Load average at the start %s, at the end %s (%d cores)%n", loadAtStart, loadAtEnd,
                Runtime.getRuntime().availableProcessors());
        return String.format("P5 worst service on %s vs bare Quarkus REST on %s without a cache: start x%.2f "
                        + "(goal <= 1.0); vs the bare app with its own cache x%.2f (goal <= 1.3); RSS x%.2f vs the bare app "
                        + "with its cache (goal <= 1.3) (%s; CPU until ready: worst service with its cache %.1f s = x%.2f "
                        + "the bare app's on %s without one; without a cache, worst vs the bare app on its JDK: %s x%.2f, "
                        + "%s x%.2f; bare app %d / %d / %d ms; JVM -Xmx256m SerialGC, RSS after %d requests; load %s)",
                cached.label(), jdk17.label(), ratio(worstCached, base.get(jdk17)), ratio(worstCached, base.get(cached)),
                rssCached, worstCached.name, worstCpu.cpuSeconds, worstCpu.cpuSeconds / base.get(jdk17).cpuSeconds,
                jdk17.label(), jdk17.label(), ratio(worst17, base.get(jdk17)), aotJdk.label(),
                ratio(worst25, base.get(aotJdk)), base.get(jdk17).ready.toMillis(), base.get(aotJdk).ready.toMillis(),
                base.get(cached).ready.toMillis(), WARMUP_REQUESTS, loadAtEnd);
    }

    /** The JDK 24+ of the AOT cache, {@value ServiceJvm#JAVA_HOME_PROPERTY} ({@code bin/bench} sets it from {@code bin/aot-caches --jdk}). */
    private static ServiceJvm aotJdk() {
        String home = System.getProperty(ServiceJvm.JAVA_HOME_PROPERTY, "").trim();
        if (home.isEmpty()) {
            throw new IllegalStateException("P5 needs a JDK 24+ for the AOT cache and found none: set AOT_JAVA_HOME"
                    + " (bin/bench) or -D" + ServiceJvm.JAVA_HOME_PROPERTY);
        }
        ServiceJvm jvm = new ServiceJvm(Path.of(home), Jar.FAST_JAR, AotCache.OFF);
        if (!Files.isExecutable(jvm.javaHome().resolve("bin/java")) || jvm.featureRelease() < 24) {
            throw new IllegalStateException("P5 needs a JDK 24+ for the AOT cache: " + jvm.javaHome()
                    + " is none; name one with AOT_JAVA_HOME or -D" + ServiceJvm.JAVA_HOME_PROPERTY);
        }
        return jvm;
    }

    private static List<Sample> baselineRound(List<ServiceJvm> jvms) {
        return jvms.stream().map(StartupFootprint::baseline).toList();
    }

    private static Sample baseline(ServiceJvm jvm) {
        return timed("baseline", jvm, () -> ServiceProcess.start("bench-baseline", ServiceProcess.module("bench-baseline"),
                FreePorts.next(), FreePorts.next(), Map.of(), jvm));
    }

    /** Spawn → readiness 200 (polled every 100 ms), then the figures of {@link #measure}; the process is stopped. */
    private static Sample timed(String name, ServiceJvm jvm, Supplier<ServiceProcess> start) {
        long spawned = System.nanoTime();
        try (ServiceProcess process = start.get()) {
            process.awaitReady(READY);
            Duration ready = Duration.ofNanos(System.nanoTime() - spawned);
            System.out.printf("%-17s alone on %-28s ready in %d ms%n", name, jvm.label(), ready.toMillis());
            return measure(name, jvm, process, ready);
        }
    }

    /** CPU is read as the process is ready (spawn → readiness 200 took {@code ready}), RSS after the requests. */
    private static Sample measure(String name, ServiceJvm jvm, ServiceProcess process, Duration ready) {
        double cpu = ProcessCpu.seconds(process.pid());
        Http http = new Http(Duration.ofSeconds(5));
        for (int i = 0; i < WARMUP_REQUESTS; i++) {
            http.send("GET", process.managementUrl() + "/q/health/ready", null, Map.of());
        }
        Matcher started = STARTED_IN.matcher(process.logTail());
        String quarkusStart = started.find() ? started.group(1) : "?";
        return new Sample(name, jvm, ready, quarkusStart, cpu, ProcessMemory.rssMib(process.pid()));
    }

    private static void print(Sample s, Sample base) {
        System.out.printf("%-18s %-16s %9d %9s %6.2f %8.1f %8.2f %6.2f%n", s == base ? "baseline (median)" : s.name,
                s.jvm.label(), s.ready.toMillis(), s.quarkusStart, s.cpuSeconds, s.rssMib, ratio(s, base),
                s.rssMib / base.rssMib);
    }

    private static double ratio(Sample s, Sample base) {
        return s.ready.toMillis() / (double) base.ready.toMillis();
    }

    private static Sample worst(List<Sample> samples, ServiceJvm jvm, ToDoubleFunction<Sample> by) {
        return samples.stream().filter(s -> s.jvm.equals(jvm)).max(Comparator.comparingDouble(by)).orElseThrow();
    }

    private static String cpuSums(List<Sample> services, List<ServiceJvm> jvms) {
        return String.join(", ", jvms.stream().map(jvm -> String.format("%s %.1f s", jvm.label(),
                services.stream().filter(s -> s.jvm.equals(jvm)).mapToDouble(Sample::cpuSeconds).sum())).toList());
    }

    private static String cpuOf(Map<ServiceJvm, Sample> base) {
        return String.join(", ", base.entrySet().stream().map(e -> String.format("%s %.2f s", e.getKey().label(),
                e.getValue().cpuSeconds)).toList());
    }

    /** The median of each figure over the samples (one JVM's bare app starts). */
    private static Sample median(List<Sample> samples) {
        Sample byTime = middle(samples, Comparator.comparing(Sample::ready));
        return new Sample("baseline", byTime.jvm, byTime.ready, byTime.quarkusStart,
                middle(samples, Comparator.comparingDouble(Sample::cpuSeconds)).cpuSeconds,
                middle(samples, Comparator.comparingDouble(Sample::rssMib)).rssMib);
    }

    private static Sample middle(List<Sample> samples, Comparator<Sample> order) {
        return samples.stream().sorted(order).toList().get(samples.size() / 2);
    }

    private record Sample(String name, ServiceJvm jvm, Duration ready, String quarkusStart, double cpuSeconds,
                          double rssMib) {
    }
}
