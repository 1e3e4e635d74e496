package com.mobilityha.gateway.call;

import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionRepository;
import com.mobilityha.common.session.SessionStatus;
import com.mobilityha.common.session.SessionTokens;
import com.mobilityha.gateway.testing.Await;
import com.mobilityha.gateway.testing.ConnectSimulatorResource;
import com.mobilityha.localstack.quarkustest.RedisServerResource;
import com.mobilityha.localstack.quarkustest.ServiceCaller;
import com.mobilityha.localstack.session.TestSessions;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.mobilityha.localstack.demo.DemoCompany.PRIMARY;
import static com.mobilityha.localstack.demo.DemoCompany.PROBLEMS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A call start is slow at Connect, and the session changes meanwhile: the call start must not write
 * back the session it read before (it would undo the change).
 */
@QuarkusTest
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(ConnectSimulatorResource.class)
@TestProfile(CallStartRaceTest.SlowCallStarts.class)
class CallStartRaceTest {
    private static final long CALL_START_LATENCY_MS = 3_000;

    /** Connect calls may take longer than {@link #CALL_START_LATENCY_MS}, so that the slow call start succeeds. */
    public static class SlowCallStarts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.connect.api-call-attempt-timeout", "6s", "gateway.connect.api-call-timeout", "7s");
        }
    }

    @Inject
    RedisDataSource redis;

    @Inject
    SessionRepository sessions;

    @ConfigProperty(name = "simulator.url")
    String simulator;

    @ConfigProperty(name = "gateway.budget.account-id", defaultValue = "default")
    String accountId;

    String token;

    @BeforeEach
    void agentLoggedIn() {
        given().baseUri(simulator).post("/admin/reset").then().statusCode(200);
        String userId = given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON)
                .body("{\"companyCode\":\"acme\",\"username\":\"carol\"}")
                .post("/internal/v1/agent-logins").then().statusCode(200).extract().path("connectUserId");
        token = TestSessions.create(redis, "acme", "carol", userId, PRIMARY);
    }

    @AfterEach
    void connectAnswersAtOnceAgain() {
        given().baseUri(simulator).delete("/admin/instances/" + PRIMARY.instanceId() + "/faults").then().statusCode(200);
    }

    @Test
    void aCallStartedWhileItsInstanceFailedAnswersReloginAndTheReloginMarkStays() throws Exception {
        CompletableFuture<Response> call = startSlowCall();
        SessionRecord read = sessions.findByTokenHash(SessionTokens.hash(token)).orElseThrow();
        assertEquals(1, sessions.updateAll(List.of(read), s -> Optional.of(s.reloginRequired())).size(),
                "marked as the instance failover marks it");

        call.get(20, TimeUnit.SECONDS).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "relogin-required"));
        SessionRecord stored = sessions.findByTokenHash(SessionTokens.hash(token)).orElseThrow();
        assertEquals(SessionStatus.RELOGIN_REQUIRED, stored.status(), "the RELOGIN mark stays");
        assertNull(stored.call(), "no call on a session that must sign in again");
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body("{\"destination\":\"+14155550123\"}").post("/api/v1/calls")
                .then().statusCode(409).body("type", equalTo(PROBLEMS + "relogin-required"));
    }

    /**
     * Starts a call that Connect answers only after {@link #CALL_START_LATENCY_MS}, and returns once the
     * gateway has read the session and gone to Connect (it took from the call-start budget).
     */
    private CompletableFuture<Response> startSlowCall() {
        given().baseUri(simulator).contentType(ContentType.JSON)
                .body("{\"latencyMs\":" + CALL_START_LATENCY_MS + ",\"slowOperation\":\"StartOutboundVoiceContact\"}")
                .put("/admin/instances/" + PRIMARY.instanceId() + "/faults").then().statusCode(200);
        String budget = RedisKeys.connectBudget(accountId, PRIMARY.region(), "StartOutboundVoiceContact");
        String takenBefore = redis.hash(String.class).hget(budget, "at");
        CompletableFuture<Response> call = CompletableFuture.supplyAsync(() -> given()
                .header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body("{\"destination\":\"+14155550123\"}").post("/api/v1/calls"));
        Await.until(() -> !Objects.equals(takenBefore, redis.hash(String.class).hget(budget, "at")),
                "the call start went to Connect");
        return call;
    }
}
