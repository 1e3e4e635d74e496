package com.mobilityha.systemtests.session;

import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.localstack.demo.DemoCompany;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.systemtests.app.AppClient;
import com.mobilityha.systemtests.app.Http;
import com.mobilityha.systemtests.app.Http.Answer;
import com.mobilityha.systemtests.junit.OnLocalStack;
import com.mobilityha.systemtests.junit.StackKind;
import com.mobilityha.systemtests.stack.LocalStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app logs out while its call start waits for Connect (over real processes: session-service ends
 * the session while connect-gateway holds the copy it read before calling Connect). The logout must
 * stay: the gateway's late update of that copy would put the session back ACTIVE, out of every index,
 * with the logged-out token working again for hours.
 */
@OnLocalStack(StackKind.ONE_SITE)
class LogoutDuringCallStartTest {
    /** Slower than the logout (whose own Connect step answers at once), faster than the gateway's Connect timeout. */
    private static final long CALL_START_LATENCY_MS = 1_500;
    private static final String DESTINATION = "+14155550123";

    private static LocalStack stack;

    @BeforeAll
    static void onSite(LocalStack started) {
        stack = started;
    }

    @AfterEach
    void connectAnswersAtOnceAgain() {
        assertTrue(new Http(Duration.ofSeconds(5)).send("DELETE", faultsUrl(), null, Map.of()).ok());
    }

    @Test
    void aLogoutWhileTheCallStartWaitsForConnectEndsTheSessionForGoodAndTheCallStartAnswers401() throws Exception {
        AppClient phone = stack.newApp();
        assertEquals(201, phone.login(LocalStack.COMPANY, "dave", LocalStack.PASSWORD).status());
        String sessionId = phone.session().json().path("sessionId").asText();

        CompletableFuture<Answer> call = startSlowCall(phone);
        Answer logout = phone.logout();
        assertTrue(logout.ok(), "logged out: " + logout.body());

        Answer started = call.get(30, TimeUnit.SECONDS);
        assertEquals(401, started.status(), "the call start finds the session ended: " + started.body());
        assertTrue(started.contentType().startsWith("application/problem+json"));
        Answer session = phone.session();
        assertEquals(401, session.status(), "the logged-out token stays refused: " + session.body());
        assertTrue(stack.onRedis("GET", RedisKeys.sessionByTokenHash(stack.onRedis("GET",
                RedisKeys.tokenHashOfSession(sessionId)))).contains("\"status\":\"ENDED\""), "the record stays ENDED");
        assertEquals("0", stack.onRedis("SISMEMBER", RedisKeys.userSessions(LocalStack.COMPANY, "dave"), sessionId),
                "and out of the indexes");
    }

    /**
     * Starts a call that Connect answers only after {@link #CALL_START_LATENCY_MS}; returns once the gateway
     * has read the session and gone to Connect (it took from the shared call-start budget).
     */
    private static CompletableFuture<Answer> startSlowCall(AppClient phone) {
        assertTrue(new Http(Duration.ofSeconds(5)).send("PUT", faultsUrl(), Map.of("latencyMs", CALL_START_LATENCY_MS,
                "slowOperation", "StartOutboundVoiceContact"), Map.of()).ok());
        String budget = RedisKeys.connectBudget("default", DemoCompany.PRIMARY.region(), "StartOutboundVoiceContact");
        String takenBefore = stack.onRedis("HGET", budget, "at");
        CompletableFuture<Answer> call = CompletableFuture.supplyAsync(() -> phone.call(DESTINATION));
        Poll.require(() -> !takenBefore.equals(stack.onRedis("HGET", budget, "at")), "the call start went to Connect",
                Duration.ofSeconds(10));
        return call;
    }

    private static String faultsUrl() {
        return stack.url(stack.ports().simulator()) + "/admin/instances/" + LocalStack.PRIMARY_INSTANCE + "/faults";
    }
}
