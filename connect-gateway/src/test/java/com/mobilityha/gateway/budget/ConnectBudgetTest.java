package com.mobilityha.gateway.budget;

import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.gateway.relogin.ReloginPacing;
import com.mobilityha.gateway.testing.OnQuotaProfile;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.localstack.quarkustest.AdminRedis;
import com.mobilityha.localstack.quarkustest.ServiceCaller;
import com.mobilityha.localstack.session.TestSessions;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.mobilityha.gateway.testing.AgentRequests.setStatus;
import static com.mobilityha.localstack.demo.DemoCompany.PRIMARY;
import static com.mobilityha.localstack.demo.DemoCompany.PROBLEMS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * B9 on Amazon Connect's default quotas (the simulator throttles as AWS does, the gateway budgets the
 * same quotas): agents get their calls through at the rate Connect accepts, early ones a 429 with
 * Retry-After that works when honoured, and nothing the gateway sends is throttled by Connect.
 */
@QuarkusTest
@TestProfile(ConnectBudgetTest.AwsDefaultQuotas.class)
class ConnectBudgetTest {
    private static final Pattern THROTTLED_COUNT = Pattern.compile(
            "simulator_requests_total\\{[^}]*operation=\"(\\w+)\"[^}]*outcome=\"throttled\"[^}]*} ([0-9.]+)");

    @AdminRedis
    RedisDataSource redis;

    @Inject
    ConnectBudget budget;

    @Inject
    ReloginPacing pacing;

    @ConfigProperty(name = "simulator.url")
    String simulator;
    @ConfigProperty(name = "simulator.metrics-url")
    String simulatorMetrics;

    /** AWS's default quotas on both sides; only the resources this test needs. */
    public static class AwsDefaultQuotas extends OnQuotaProfile {
        public AwsDefaultQuotas() {
            super("aws-default");
        }
    }

    @BeforeEach
    void fullBudgetAndFreshSimulator() {
        redis.flushall();
        given().baseUri(simulator).post("/admin/reset").then().statusCode(200);
    }

    @Test
    void aBurstOfStatusChangesGoesThroughAtConnectsRateAndConnectThrottlesNone() throws Exception {
        String userId = given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("{\"companyCode\":\"acme\",\"username\":\"alice\"}")
                .post("/internal/v1/agent-logins").then().statusCode(200).extract().path("connectUserId");
        String token = TestSessions.create(redis, "acme", "alice", userId, PRIMARY);
        double throttledBefore = throttledByConnect("PutUserStatus");
        Thread.sleep(1_000); // the sign-in's PutUserStatus refilled, in the gateway's bucket and in Connect's
        // the calls granted at once reach Connect 0.1 s late (cold connections); the next, granted a refill later,
        // does not: Connect's bucket, refilling from their arrival, must still have its token
        given().baseUri(simulator).contentType(ContentType.JSON).body("{\"latencyMs\":100,\"slowNext\":5}")
                .put("/admin/instances/" + PRIMARY.instanceId() + "/faults").then().statusCode(lessThan(300));

        ExecutorService phones = Executors.newFixedThreadPool(12);
        List<Future<Response>> burst = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String status = i % 2 == 0 ? "Lunch" : "Available";
            burst.add(phones.submit(() -> setStatus(token, status)));
        }
        int refused = 0;
        for (Future<Response> answer : burst) {
            Response response = answer.get();
            if (response.statusCode() == 429) {
                refused++;
                assertEquals(PROBLEMS + "throttled", response.jsonPath().getString("type"));
                assertTrue(Integer.parseInt(response.header("Retry-After")) >= 1, "Retry-After in seconds");
                honourRetryAfter(token, response);
            } else {
                assertEquals(200, response.statusCode(), response.asString());
            }
        }
        phones.shutdown();
        assertTrue(refused > 0, "12 changes at once exceed a burst of 5 and a second's wait at 2/s");
        assertTrue(refused <= 12 - 4, "at least the burst less the headroom goes through at once, got " + refused
                + " refused");
        assertEquals(throttledBefore, throttledByConnect("PutUserStatus"), "Connect throttled a call the gateway sent");
    }

    @Test
    void backgroundWorkStopsWhereTheAgentsReserveStartsAndAgentsQueueBrieflyThenAreToldWhenToRetry() throws Exception {
        InstanceRef fresh = new InstanceRef("primary", PRIMARY.instanceId(), "test-region-1");
        int background = 0;
        while (budget.spendInBackground(fresh, "GetCurrentUserData")) {
            background++;
            assertTrue(background < 5, "background work took the whole burst");
        }
        assertEquals(1, background, "of a burst of 5 spent at 90 % (4.5), background work leaves 2.7 (60 %) to agents");

        ExecutorService agents = Executors.newFixedThreadPool(10);
        List<Future<Long>> waits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            waits.add(agents.submit(() -> {
                long start = System.nanoTime();
                budget.spendForAgent(fresh, "GetCurrentUserData");
                return (System.nanoTime() - start) / 1_000_000;
            }));
        }
        int granted = 0;
        List<ProblemException> refused = new ArrayList<>();
        for (Future<Long> wait : waits) {
            try {
                assertTrue(wait.get() < 1_500, "an agent waited " + wait.get() + " ms, more than the 1 s allowed");
                granted++;
            } catch (java.util.concurrent.ExecutionException e) {
                refused.add((ProblemException) e.getCause());
            }
        }
        agents.shutdown();
        assertTrue(granted >= 4, "what background work left (3.5) and what refills within a second (1.8 at 90 % of"
                + " 2/s) are the agents', got " + granted);
        assertFalse(refused.isEmpty(), "10 agents at once are more than the bucket and a second's refill");
        for (ProblemException problem : refused) {
            assertEquals(429, problem.problem().getStatus());
            assertTrue(Integer.parseInt(problem.headers().get("Retry-After")) >= 1);
        }
        assertFalse(budget.spendInBackground(fresh, "GetCurrentUserData"), "background work waits for the reserve");
    }

    @Test
    void aThrottlingAnswerFromConnectEmptiesTheBucketForEveryPod() throws Exception {
        String userId = given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("{\"companyCode\":\"acme\",\"username\":\"bob\"}")
                .post("/internal/v1/agent-logins").then().statusCode(200).extract().path("connectUserId");
        String token = TestSessions.create(redis, "acme", "bob", userId, PRIMARY);
        given().baseUri(simulator).contentType(ContentType.JSON).body("{\"throttle\":true}")
                .put("/admin/instances/" + PRIMARY.instanceId() + "/faults").then().statusCode(lessThan(300));

        String bucket = RedisKeys.connectBudget("default", PRIMARY.region(), "PutUserStatus");
        AtomicBoolean answered = new AtomicBoolean();
        CountDownLatch watching = new CountDownLatch(1);
        ExecutorService watcher = Executors.newSingleThreadExecutor();
        try {
            Future<Double> lowest = watcher.submit(() -> lowestTokens(bucket, answered, watching));
            assertTrue(watching.await(10, TimeUnit.SECONDS), "the bucket is watched before the request is sent");

            Response answer = setStatus(token, "Lunch");
            answered.set(true);

            assertEquals(429, answer.statusCode());
            assertEquals(PROBLEMS + "throttled", answer.jsonPath().getString("type"));
            assertTrue(lowest.get() <= 0, "the shared bucket was emptied, its lowest level: " + lowest.get());
        } finally {
            watcher.shutdownNow();
        }
    }

    /**
     * The lowest token level the bucket showed until {@code answered} and once after, {@code watching} counted down
     * after the first read. Watched, not read once at the end: an emptied bucket expires once it would have refilled
     * (under 4 s here), and on a busy machine the answer came later than that after the gateway emptied it. Watched
     * from a thread of its own that has read once before the request is sent: a task left to the JVM's shared pool
     * (one thread on two cores) may start late, and in a run beside stress-ng the watcher saw no bucket at all.
     */
    private double lowestTokens(String bucket, AtomicBoolean answered, CountDownLatch watching) {
        double lowest = Double.POSITIVE_INFINITY;
        boolean last = false;
        while (!last) {
            last = answered.get();
            String tokens = redis.hash(String.class).hget(bucket, "tokens");
            lowest = tokens == null ? lowest : Math.min(lowest, Double.parseDouble(tokens));
            watching.countDown();
            Poll.sleep(5);
        }
        return lowest;
    }

    @Test
    void aReloginWaveIsSpreadSoThatItsLoginsReachConnectAtTheRateItsQuotasAccept() {
        // a login spends SearchUsers, UpdateUserPhoneConfig and PutUserStatus: 2/s each (burst 5), spent at 90 %
        assertEquals(Duration.ofMillis(553_334), pacing.window(1000), "the first 4 at once, then 1.8/s");
        assertEquals(Duration.ofMillis(3_334), pacing.window(10));
        assertNull(pacing.window(5), "a wave the bursts absorb goes at once");
    }

    /** What the app does with a 429: waits as told and sends again, until it goes through. */
    private static void honourRetryAfter(String token, Response refused) throws InterruptedException {
        Response answer = refused;
        for (int attempt = 0; attempt < 10 && answer.statusCode() == 429; attempt++) {
            Thread.sleep(Long.parseLong(answer.header("Retry-After")) * 1000);
            answer = setStatus(token, "Available");
        }
        if (answer.statusCode() != 200) {
            fail("still refused after honouring Retry-After: " + answer.asString());
        }
    }

    private double throttledByConnect(String operation) {
        String metrics = given().get(simulatorMetrics).then().statusCode(200).extract().asString();
        Matcher matcher = THROTTLED_COUNT.matcher(metrics);
        double count = 0;
        while (matcher.find()) {
            if (matcher.group(1).equals(operation)) {
                count += Double.parseDouble(matcher.group(2));
            }
        }
        return count;
    }
}
