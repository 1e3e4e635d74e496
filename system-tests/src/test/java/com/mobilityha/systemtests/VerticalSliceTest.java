package com.mobilityha.systemtests;

import com.mobilityha.systemtests.app.AppClient;
import com.mobilityha.systemtests.app.Http.Answer;
import com.mobilityha.systemtests.junit.OnLocalStack;
import com.mobilityha.systemtests.junit.StackKind;
import com.mobilityha.systemtests.stack.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The walking skeleton end to end over real processes: redis-server, dev IdP, mock APNs (HTTP/2),
 * connect-simulator and the four services started from their built jars.
 */
@OnLocalStack(StackKind.ONE_SITE)
class VerticalSliceTest {
    private static LocalStack stack;

    @BeforeAll
    static void onSite(LocalStack started) {
        stack = started;
    }

    @Test
    void S3_S8_S9_B2_S13_anAgentsDayOverRealProcesses() {
        PrintStream out = System.out;
        assertTrue(new SliceWalkthrough(stack, out).run(), "every step of the slice passes (see the output above)");
    }

    @Test
    void wrongPasswordNeverReachesConnect() {
        AppClient phone = stack.newApp();
        Answer refused = phone.login(LocalStack.COMPANY, "carol", "not-her-password");
        assertEquals(401, refused.status(), refused.body());
        assertTrue(refused.contentType().startsWith("application/problem+json"));
        assertEquals("Offline", stack.agentOnSimulator(LocalStack.PRIMARY_INSTANCE, "carol").json()
                .path("status").asText(), "carol stays Offline on Connect");
    }

    @Test
    void requestsWithoutASessionAreRefusedByEveryService() {
        AppClient forged = stack.newApp();
        assertEquals(401, forged.session().status());
        assertEquals(401, forged.agentStatuses().status());
        assertEquals(401, forged.registerApnsDevice("ab".repeat(32), LocalStack.APP_ID).status());
    }
}
