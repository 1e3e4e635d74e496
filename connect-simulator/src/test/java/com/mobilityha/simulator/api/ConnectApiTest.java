package com.mobilityha.simulator.api;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.AgentStatusSummary;
import software.amazon.awssdk.services.connect.model.ConnectException;
import software.amazon.awssdk.services.connect.model.InternalServiceException;
import software.amazon.awssdk.services.connect.model.InvalidParameterException;
import software.amazon.awssdk.services.connect.model.PhoneType;
import software.amazon.awssdk.services.connect.model.ResourceNotFoundException;
import software.amazon.awssdk.services.connect.model.StringComparisonType;
import software.amazon.awssdk.services.connect.model.ThrottlingException;
import software.amazon.awssdk.services.connect.model.UserData;
import software.amazon.awssdk.services.connect.model.UserSearchSummary;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives the simulator with the real AWS SDK v2 Connect client, as connect-gateway does. */
@QuarkusTest
class ConnectApiTest {
    static final String PRIMARY = "a1b2c3d4-0000-4000-8000-000000000001";
    static final String SECONDARY = "a1b2c3d4-0000-4000-8000-000000000002";

    @TestHTTPResource("/")
    URI base;

    ConnectClient connect;

    @BeforeEach
    void client() {
        quotaProfile("aws-default").statusCode(200);
        given().post("/admin/reset").then().statusCode(200);
        connect = client("AKIASIMULATOR");
    }

    @AfterEach
    void close() {
        connect.close();
    }

    /**
     * AWS's default for DescribeInstance: 2 per second, a burst of 5. The bucket refills while calls are under
     * way, so what a burst gets through is bounded by what the bucket held plus what refilled meanwhile,
     * however slow this machine is; the bursts are concurrent so that they end in throttling.
     */
    @Test
    void theAccountsQuotaPerOperationAndRegionThrottlesABurstAsConnectDoesAndRefillsAtItsRate() throws Exception {
        long start = System.nanoTime();
        Burst first = burst(40, () -> connect.describeInstance(r -> r.instanceId(PRIMARY)));
        assertTrue(first.passed() >= 5 && first.passed() <= 5 + refill(first.elapsed()), "a burst of 5: " + first);
        ThrottlingException throttled = first.throttled().orElseThrow(() -> new AssertionError("none throttled: " + first));
        assertEquals(429, throttled.statusCode());
        assertTrue(throttled.isThrottlingException(), "the SDK's retry strategy sees throttling");
        assertTrue(throttled.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After").isEmpty(),
                "Connect sends no Retry-After");
        assertEquals(5, connect.listAgentStatuses(r -> r.instanceId(PRIMARY)).agentStatusSummaryList().size(),
                "each operation has its own budget");
        assertEquals("acme-secondary", connect.describeInstance(r -> r.instanceId(SECONDARY)).instance().instanceAlias(),
                "another Region (us-west-2) has its own budget");

        Thread.sleep(1_000);
        Burst later = burst(40, () -> connect.describeInstance(r -> r.instanceId(PRIMARY)));
        Duration since = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(later.passed() >= 2, "a second's pause at 2 per second refilled two tokens: " + later);
        assertTrue(first.passed() + later.passed() <= 5 + refill(since), "and no more: " + first + ", then " + later);
        assertTrue(later.throttled().isPresent(), "throttled again: " + later);

        quotaProfile("raised").statusCode(200).body("profile", equalTo("raised"));
        for (int i = 0; i < 50; i++) {
            connect.describeInstance(r -> r.instanceId(PRIMARY));
        }
        quotaProfile("nonsense").statusCode(400);
    }

    /** Tokens a bucket refilling at 2 per second gains in {@code elapsed}, and one for the fraction it held. */
    private static int refill(Duration elapsed) {
        return (int) Math.ceil(elapsed.toMillis() * 2 / 1000.0) + 1;
    }

    /** The calls of a concurrent burst: how many got through, one throttling it met, how long it took. */
    private record Burst(int passed, Optional<ThrottlingException> throttled, Duration elapsed) {
    }

    private static Burst burst(int calls, Runnable call) throws InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(calls);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Optional<ThrottlingException>>> outcomes = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                outcomes.add(threads.submit(() -> {
                    go.await();
                    try {
                        call.run();
                        return Optional.<ThrottlingException>empty();
                    } catch (ThrottlingException e) {
                        return Optional.of(e);
                    }
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            int passed = 0;
            Optional<ThrottlingException> throttled = Optional.empty();
            for (Future<Optional<ThrottlingException>> outcome : outcomes) {
                Optional<ThrottlingException> refused = outcome.get();
                passed += refused.isEmpty() ? 1 : 0;
                throttled = throttled.or(() -> refused);
            }
            return new Burst(passed, throttled, Duration.ofNanos(System.nanoTime() - start));
        } catch (ExecutionException e) {
            throw new AssertionError("a call of the burst failed otherwise", e.getCause());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void describesTheInstanceAndItsAgentStatuses() {
        var instance = connect.describeInstance(r -> r.instanceId(PRIMARY)).instance();
        assertEquals("acme-primary", instance.instanceAlias());
        assertEquals("ACTIVE", instance.instanceStatusAsString());
        assertTrue(instance.arn().startsWith("arn:aws:connect:us-east-1:"));
        assertNotNull(instance.createdTime());
        List<String> names = connect.listAgentStatuses(r -> r.instanceId(PRIMARY)).agentStatusSummaryList().stream()
                .map(AgentStatusSummary::name).toList();
        assertEquals(List.of("Available", "Offline", "Lunch", "Training", "Unreachable"), names);
    }

    @Test
    void findsAUserAndChangesTheirStatusAndPhone() {
        UserSearchSummary alice = searchExact("alice");
        assertEquals("Alice", alice.identityInfo().firstName());
        String lunch = connect.listAgentStatuses(r -> r.instanceId(PRIMARY)).agentStatusSummaryList().stream()
                .filter(s -> s.name().equals("Lunch")).findFirst().orElseThrow().id();

        connect.putUserStatus(r -> r.instanceId(PRIMARY).userId(alice.id()).agentStatusId(lunch));
        connect.updateUserPhoneConfig(r -> r.instanceId(PRIMARY).userId(alice.id())
                .phoneConfig(p -> p.phoneType(PhoneType.DESK_PHONE).deskPhoneNumber("+14155550100")));

        given().get("/admin/instances/" + PRIMARY + "/agents/alice").then().statusCode(200)
                .body("status", equalTo("Lunch")).body("phoneType", equalTo("DESK_PHONE"));
        assertEquals("+14155550100", connect.describeUser(r -> r.instanceId(PRIMARY).userId(alice.id()))
                .user().phoneConfig().deskPhoneNumber());
        UserData data = connect.getCurrentUserData(r -> r.instanceId(PRIMARY)
                .filters(f -> f.agents(alice.id()))).userDataList().get(0);
        assertEquals("Lunch", data.status().statusName());
        assertTrue(data.contacts().isEmpty());
    }

    @Test
    void outboundCallReachesTheAgentUntilStopped() {
        UserSearchSummary bob = searchExact("bob");
        String contactId = connect.startOutboundVoiceContact(r -> r.instanceId(PRIMARY).contactFlowId("flow-1")
                .destinationPhoneNumber("+14155550111").queueId(bob.id())).contactId();

        assertEquals(1, connect.getCurrentUserData(r -> r.instanceId(PRIMARY).filters(f -> f.agents(bob.id())))
                .userDataList().get(0).contacts().size());
        assertEquals(bob.id(), connect.describeContact(r -> r.instanceId(PRIMARY).contactId(contactId))
                .contact().agentInfo().id());
        given().get("/admin/instances/" + PRIMARY + "/contacts").then().body("", hasSize(1))
                .body("[0].state", equalTo("CONNECTED"));

        connect.stopContact(r -> r.instanceId(PRIMARY).contactId(contactId));
        assertNotNull(connect.describeContact(r -> r.instanceId(PRIMARY).contactId(contactId))
                .contact().disconnectTimestamp());
        assertThrows(ConnectException.class, () -> connect.stopContact(r -> r.instanceId(PRIMARY).contactId(contactId)));
    }

    @Test
    void errorsHaveTheRealAwsShapes() {
        ResourceNotFoundException missing = assertThrows(ResourceNotFoundException.class,
                () -> connect.describeUser(r -> r.instanceId(PRIMARY).userId("no-such-user")));
        assertEquals(404, missing.statusCode());
        assertEquals("ResourceNotFoundException", missing.awsErrorDetails().errorCode());
        assertTrue(missing.awsErrorDetails().errorMessage().contains("no-such-user"));
        assertThrows(ResourceNotFoundException.class, () -> connect.describeInstance(r -> r.instanceId("nope")));
        InvalidParameterException invalid = assertThrows(InvalidParameterException.class,
                () -> connect.startOutboundVoiceContact(r -> r.instanceId(PRIMARY).contactFlowId("f")
                        .destinationPhoneNumber("not-a-number")));
        assertEquals(400, invalid.statusCode());
    }

    @Test
    void requestsWithoutValidSigV4AreRefused() {
        given().get("/instance/" + PRIMARY).then().statusCode(403)
                .header("x-amzn-ErrorType", "MissingAuthenticationTokenException")
                .body("Message", equalTo("Missing Authentication Token"));
        given().header("Authorization", "Bearer x").get("/instance/" + PRIMARY).then().statusCode(403)
                .header("x-amzn-ErrorType", "IncompleteSignatureException");
        try (ConnectClient stranger = client("AKIASTRANGER")) {
            ConnectException refused = assertThrows(ConnectException.class,
                    () -> stranger.describeInstance(r -> r.instanceId(PRIMARY)));
            assertEquals(403, refused.statusCode());
            assertEquals("UnrecognizedClientException", refused.awsErrorDetails().errorCode());
        }
    }

    @Test
    void faultModesLookToTheSdkLikeTheRealFailures() {
        quotaProfile("raised"); // a dozen calls in a row: this test is about faults, not quotas
        fault("{\"mode\":\"ERROR_500\"}");
        assertEquals(500, assertThrows(InternalServiceException.class,
                () -> connect.describeInstance(r -> r.instanceId(PRIMARY))).statusCode());

        fault("{\"mode\":\"RESET\"}");
        assertThrows(SdkClientException.class, () -> connect.describeInstance(r -> r.instanceId(PRIMARY)));

        fault("{\"mode\":\"HANG\"}");
        try (ConnectClient impatient = client("AKIASIMULATOR", Duration.ofMillis(800))) {
            assertThrows(ApiCallAttemptTimeoutException.class, () -> impatient.describeInstance(r -> r.instanceId(PRIMARY)));
        }

        fault("{\"throttle\":true}");
        assertEquals(429, assertThrows(ThrottlingException.class,
                () -> connect.describeInstance(r -> r.instanceId(PRIMARY))).statusCode());

        fault("{\"latencyMs\":300}");
        long start = System.nanoTime();
        connect.describeInstance(r -> r.instanceId(PRIMARY));
        assertTrue(System.nanoTime() - start >= 300_000_000L, "latency is added");

        fault("{\"latencyMs\":400,\"slowNext\":1}");
        start = System.nanoTime();
        connect.describeInstance(r -> r.instanceId(PRIMARY));
        long slow = System.nanoTime() - start;
        start = System.nanoTime();
        connect.describeInstance(r -> r.instanceId(PRIMARY));
        long next = System.nanoTime() - start;
        assertTrue(slow >= 400_000_000L && next < slow, "only the first call is slow: " + slow + " then " + next + " ns");

        fault("{\"errorRate\":0.5}");
        int failures = 0;
        for (int i = 0; i < 200; i++) {
            try {
                connect.describeInstance(r -> r.instanceId(PRIMARY));
            } catch (InternalServiceException e) {
                failures++;
            }
        }
        assertTrue(failures > 60 && failures < 140, "about half fail, got " + failures);

        given().delete("/admin/instances/" + PRIMARY + "/faults").then().statusCode(200).body("mode", equalTo("HEALTHY"));
        assertEquals("acme-primary", connect.describeInstance(r -> r.instanceId(PRIMARY)).instance().instanceAlias());
        assertEquals("a1b2c3d4-0000-4000-8000-000000000002", client("AKIASIMULATOR")
                .describeInstance(r -> r.instanceId("a1b2c3d4-0000-4000-8000-000000000002")).instance().id(),
                "faults are per instance");
    }

    @Test
    void adminApiRefusesBadFaults() {
        given().contentType(ContentType.JSON).body("{\"mode\":\"EXPLODE\"}")
                .put("/admin/instances/" + PRIMARY + "/faults").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"errorRate\":2}")
                .put("/admin/instances/" + PRIMARY + "/faults").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"slowNext\":-1}")
                .put("/admin/instances/" + PRIMARY + "/faults").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{}")
                .put("/admin/instances/nope/faults").then().statusCode(404);
    }

    private UserSearchSummary searchExact(String username) {
        List<UserSearchSummary> users = connect.searchUsers(r -> r.instanceId(PRIMARY).searchCriteria(c -> c
                .stringCondition(s -> s.fieldName("Username").value(username)
                        .comparisonType(StringComparisonType.EXACT)))).users();
        assertEquals(1, users.size());
        return users.get(0);
    }

    private void fault(String body) {
        given().contentType(ContentType.JSON).body(body).put("/admin/instances/" + PRIMARY + "/faults")
                .then().statusCode(200);
    }

    private static ValidatableResponse quotaProfile(String profile) {
        return given().contentType(ContentType.JSON).body("{\"profile\":\"" + profile + "\"}").put("/admin/quotas").then();
    }

    /** A client that waits for answers as long as a busy machine may need. */
    private ConnectClient client(String accessKey) {
        return client(accessKey, Duration.ofSeconds(15));
    }

    private ConnectClient client(String accessKey, Duration attemptTimeout) {
        return ConnectClient.builder()
                .endpointOverride(base)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(attemptTimeout))
                .build();
    }
}
