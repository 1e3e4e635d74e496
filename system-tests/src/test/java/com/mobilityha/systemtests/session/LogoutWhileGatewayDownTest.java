package com.mobilityha.systemtests.session;

import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.localstack.demo.DemoCompany;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.systemtests.app.AppClient;
import com.mobilityha.systemtests.app.Http.Answer;
import com.mobilityha.systemtests.junit.OnLocalStack;
import com.mobilityha.systemtests.junit.StackKind;
import com.mobilityha.systemtests.stack.LocalStack;
import com.mobilityha.systemtests.stack.Site;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app logs out while the site's connect-gateway is down (every replica SIGKILLed), over real processes: the
 * session still ends at once, and the agent, whom Connect would otherwise keep routing callers to, is set Offline
 * as soon as a gateway is back (the offline duty the logout left in Redis), with no further action by anyone.
 */
@OnLocalStack(StackKind.ONE_SITE)
class LogoutWhileGatewayDownTest {
    private static final String AGENT = DemoCompany.generatedAgent(981);

    private static LocalStack stack;

    @BeforeAll
    static void onSite(LocalStack started) {
        stack = started;
    }

    @Test
    void aLogoutWhileTheGatewayIsDownEndsTheSessionAndTheAgentIsOfflineOnceAGatewayIsBack() {
        AppClient phone = stack.newApp();
        assertEquals(201, phone.login(LocalStack.COMPANY, AGENT, LocalStack.PASSWORD).status());
        String sessionId = phone.session().json().path("sessionId").asText();
        assertEquals("Available", statusOnConnect());
        Site site = stack.site("primary");

        site.killService("connect-gateway");
        try {
            Answer logout = phone.logout();
            assertTrue(logout.ok(), "logged out: " + logout.body());
            assertEquals(401, phone.session().status(), "the session has ended");
            assertEquals("Available", statusOnConnect(), "no gateway could tell Connect yet");
            assertEquals("1", stack.onRedis("SISMEMBER", RedisKeys.pendingAgentOfflineDuties(LocalStack.COMPANY),
                    sessionId), "a pending offline duty, counted on the console");
        } finally {
            site.restartService("connect-gateway", line -> { });
        }

        Poll.require(() -> "Offline".equals(statusOnConnect()), "the agent Offline on Connect once the gateway is back",
                Duration.ofSeconds(60));
        Poll.require(() -> "0".equals(stack.onRedis("SISMEMBER", RedisKeys.pendingAgentOfflineDuties(LocalStack.COMPANY),
                sessionId)), "the duty no longer pending", Duration.ofSeconds(10));
    }

    private static String statusOnConnect() {
        return stack.agentOnSimulator(LocalStack.PRIMARY_INSTANCE, AGENT).json().path("status").asText();
    }
}
