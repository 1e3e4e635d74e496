package com.mobilityha.systemtests.bench;

import com.mobilityha.localstack.process.FreePorts;
import com.mobilityha.localstack.process.ServiceJvm;
import com.mobilityha.localstack.process.ServiceProcess;
import com.mobilityha.systemtests.app.Http;
import com.mobilityha.systemtests.stack.AotCacheTraining;
import com.mobilityha.systemtests.stack.LocalStack;
import com.mobilityha.systemtests.stack.Site;

import java.time.Duration;
import java.util.Map;

/**
 * P5's training runs of the JDK's AOT cache (JEP 514/515): a service is started on the stack in training mode,
 * does what it does in production for a while — an agent signs in, reads the session and statuses, registers an
 * iPhone, gets a message pushed and signs out, a few times — and is stopped (SIGTERM), which writes the module's
 * cache. The bare app's training run answers its one endpoint.
 */
final class AotTraining {
    private static final int REQUESTS = 200;
    private static final Duration READY = Duration.ofSeconds(90);

    private AotTraining() {
    }

    /** Trains {@code module}'s cache on the site (its replicas replaced by a training one, stopped at the end). */
    static void service(LocalStack stack, Site site, String module, ServiceJvm training) {
        site.killService(module);
        site.restartService(module, training, line -> System.out.println("training " + line));
        AotCacheTraining.exercise(stack);
        askReadiness(site.service(module));
        site.stopService(module);
    }

    /** Trains the bare app's cache: its endpoint and readiness answered, then stopped. */
    static void baseline(ServiceJvm training) {
        try (ServiceProcess app = ServiceProcess.start("bench-baseline-training", ServiceProcess.module("bench-baseline"),
                FreePorts.next(), FreePorts.next(), Map.of(), training)) {
            app.awaitReady(READY);
            Http http = new Http(Duration.ofSeconds(5));
            for (int i = 0; i < REQUESTS; i++) {
                http.send("GET", app.baseUrl() + "/hello", null, Map.of());
            }
            askReadiness(app);
        }
    }

    private static void askReadiness(ServiceProcess process) {
        Http http = new Http(Duration.ofSeconds(5));
        for (int i = 0; i < REQUESTS; i++) {
            http.send("GET", process.managementUrl() + "/q/health/ready", null, Map.of());
        }
    }
}
