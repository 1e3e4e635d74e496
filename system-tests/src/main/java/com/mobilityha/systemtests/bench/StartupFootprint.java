package com.mobilityha.systemtests.bench;

import com.mobilityha.localstack.process.FreePorts;
import com.mobilityha.localstack.process.ServiceProcess;
import com.mobilityha.systemtests.app.Http;
import com.mobilityha.systemtests.stack.LocalStack;
import com.mobilityha.systemtests.stack.Site;
import com.mobilityha.systemtests.stack.StackPorts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * P5: start time (spawn → readiness 200) and RSS of each service in JVM mode, each as a ratio to a
 * bare Quarkus REST app (bench-baseline) started with the same JVM flags in the same run.
 */
final class StartupFootprint {
    private static final Pattern STARTED_IN = Pattern.compile("started in ([0-9.]+)s");
    private static final int BASELINE_RUNS = 3;
    private static final int WARMUP_REQUESTS = 200;

    private StartupFootprint() {
    }

    static String run() {
        List<Sample> baselines = new ArrayList<>();
        baselines.add(baseline());
        List<Sample> services = new ArrayList<>();
        try (LocalStack stack = LocalStack.start(StackPorts.free(), line -> System.out.println("started " + line))) {
            Site site = stack.site("primary");
            // The stack starts a site's services together; each is measured started again alone, as the baseline is.
            for (String module : Site.SERVICES) {
                site.killService(module);
                site.restartService(module, line -> System.out.println("restarted alone " + line));
                services.add(measure(module, site.service(module), site.readyTimes().get(module)));
            }
        }
        for (int i = 1; i < BASELINE_RUNS; i++) {
            baselines.add(baseline());
        }
        Sample base = median(baselines);
        System.out.printf("%n%-18s %10s %10s %10s %9s %9s%n", "service", "ready ms", "quarkus s", "RSS MiB", "start x", "RSS x");
        System.out.printf("%-18s %10d %10s %10.1f %9s %9s%n", "baseline (median)", base.ready.toMillis(),
                base.quarkusStart, base.rssMib, "1.00", "1.00");
        double worstStart = 0;
        double worstRss = 0;
        double totalRss = 0;
        for (Sample s : services) {
            double startRatio = s.ready.toMillis() / (double) base.ready.toMillis();
            double rssRatio = s.rssMib / base.rssMib;
            worstStart = Math.max(worstStart, startRatio);
            worstRss = Math.max(worstRss, rssRatio);
            totalRss += s.rssMib;
            System.out.printf("%-18s %10d %10s %10.1f %9.2f %9.2f%n", s.name, s.ready.toMillis(), s.quarkusStart,
                    s.rssMib, startRatio, rssRatio);
        }
        return String.format("P5 start and RSS vs bare Quarkus REST (worst service): start x%.2f, RSS x%.2f "
                        + "(baseline %d ms / %.0f MiB; 4 services %.0f MiB RSS in all; JVM -Xmx256m SerialGC, after %d requests)",
                worstStart, worstRss, base.ready.toMillis(), base.rssMib, totalRss, WARMUP_REQUESTS);
    }

    private static Sample baseline() {
        int port = FreePorts.next();
        long start = System.nanoTime();
        try (ServiceProcess app = ServiceProcess.start("bench-baseline", ServiceProcess.module("bench-baseline"),
                port, Map.of())) {
            app.awaitReady(Duration.ofSeconds(60));
            return measure("baseline", app, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static Sample measure(String name, ServiceProcess process, Duration ready) {
        Http http = new Http(Duration.ofSeconds(5));
        for (int i = 0; i < WARMUP_REQUESTS; i++) {
            http.send("GET", process.managementUrl() + "/q/health/ready", null, Map.of());
        }
        Matcher started = STARTED_IN.matcher(process.logTail());
        String quarkusStart = started.find() ? started.group(1) : "?";
        return new Sample(name, ready, quarkusStart, ProcessMemory.rssMib(process.pid()));
    }

    private static Sample median(List<Sample> samples) {
        List<Sample> sorted = new ArrayList<>(samples);
        sorted.sort((a, b) -> a.ready.compareTo(b.ready));
        Sample byTime = sorted.get(sorted.size() / 2);
        sorted.sort((a, b) -> Double.compare(a.rssMib, b.rssMib));
        Sample byRss = sorted.get(sorted.size() / 2);
        return new Sample("baseline", byTime.ready, byTime.quarkusStart, byRss.rssMib);
    }

    private record Sample(String name, Duration ready, String quarkusStart, double rssMib) {
    }
}
