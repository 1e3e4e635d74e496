package com.mobilityha.systemtests.stack;

import com.mobilityha.localstack.demo.DemoCompany;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.localstack.process.ServiceJvm;
import com.mobilityha.localstack.process.ServiceJvm.AotCache;
import com.mobilityha.systemtests.app.AppClient;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * Trains every service's AOT cache (and the Connect simulator's) for the JVM the tests and the demo run them on
 * ({@link ServiceJvm#configured()} with {@link AotCache#TRAIN}: {@code bin/test} and {@code bin/demo} pass the
 * JDK 25 and the aot-jar builds): one site starts, an agent signs in, reads the session and statuses, registers an
 * iPhone, gets a message pushed and signs out, a few times, and the stack stops, each JVM writing its module's
 * cache as it exits. The caches hold what a start loads and links and what the agent's path runs, so the tests'
 * dozens of service starts and the demo's each take about half the CPU (docs/benchmarks.md, P5).
 */
public final class AotCacheTraining {
    private static final int ROUNDS = 3;
    private static final Duration SIGN_IN = Duration.ofSeconds(90);
    private static final String AGENT = DemoCompany.generatedAgent(1);

    private AotCacheTraining() {
    }

    /** Exits 0 once every cache is written, 1 when the training failed (the stack's helpers leave non-daemon threads). */
    public static void main(String[] args) {
        try {
            train();
        } catch (RuntimeException | InterruptedException | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void train() throws InterruptedException {
        ServiceJvm jvm = ServiceJvm.configured();
        if (jvm.aotCache() != AotCache.TRAIN) {
            throw new IllegalStateException("Run with -D" + ServiceJvm.AOT_CACHE_PROPERTY + "=train (and the JDK and jar "
                    + "to train for): this JVM would start the services with " + jvm.label());
        }
        long start = System.nanoTime();
        try (LocalStack stack = LocalStack.start(StackPorts.free(), line -> { })) {
            exercise(stack);
            System.out.printf("AOT caches: the services worked on %s for %.1f s; writing their caches…%n", jvm.label(),
                    (System.nanoTime() - start) / 1e9);
            // every JVM assembles its cache as it exits: the simulator beside the site's services, not after them
            Thread simulator = new Thread(stack.simulator()::close, "simulator-stop");
            simulator.start();
            stack.site("primary").close();
            simulator.join();
        }
        System.out.printf("AOT caches trained in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    /**
     * What a training run does, {@value #ROUNDS} times: an agent signs in, reads the session and statuses, registers
     * an iPhone, gets a message pushed and signs out.
     */
    public static void exercise(LocalStack stack) {
        for (int i = 0; i < ROUNDS; i++) {
            workOneAgent(stack);
        }
    }

    private static void workOneAgent(LocalStack stack) {
        AppClient app = stack.newApp();
        if (!Poll.until(() -> signsIn(app), SIGN_IN)) {
            throw new IllegalStateException(AGENT + " could not sign in during the training run");
        }
        app.session();
        app.agentStatuses();
        app.registerApnsDevice(stack.apns().newDeviceToken(), LocalStack.APP_ID);
        app.notifyUsers(stack.adminToken(LocalStack.COMPANY), LocalStack.COMPANY, List.of(AGENT), "MESSAGE",
                "AOT cache training run");
        app.logout();
    }

    private static boolean signsIn(AppClient app) {
        try {
            return app.login(LocalStack.COMPANY, AGENT, LocalStack.PASSWORD).status() == 201;
        } catch (UncheckedIOException tooSlowYet) {
            return false;
        }
    }
}
