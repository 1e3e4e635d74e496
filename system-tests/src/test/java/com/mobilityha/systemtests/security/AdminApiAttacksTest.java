package com.mobilityha.systemtests.security;

import com.mobilityha.localstack.demo.DemoCompany;
import com.mobilityha.systemtests.app.AppClient;
import com.mobilityha.systemtests.app.Http.Answer;
import com.mobilityha.systemtests.junit.OnLocalStack;
import com.mobilityha.systemtests.junit.StackKind;
import com.mobilityha.systemtests.stack.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * R5, company enumeration, over real processes: an administrator who tries company codes on the
 * admin APIs (the notifier's notifications, the gateway's fail-backs) cannot tell a company this
 * deployment serves from one it does not: both are the same 403 problem. Their own company works.
 */
@OnLocalStack(StackKind.ONE_SITE)
class AdminApiAttacksTest {
    private static final String UNKNOWN = "umbrella";
    private static LocalStack stack;

    @BeforeAll
    static void onSite(LocalStack started) {
        stack = started;
    }

    @Test
    void Attack_adminProbesUnknownAndForeignCompanyCodesOnTheNotifier_identical403s_ownCompanyWorks() {
        AppClient api = stack.newApp();
        String admin = stack.adminToken(LocalStack.COMPANY);
        assertProbesLookAlike((token, company) -> api.notifyCompany(token, company, "MESSAGE", "probe"), admin);
        Answer own = api.notifyUsers(admin, LocalStack.COMPANY, List.of(DemoCompany.generatedAgent(965)),
                "MESSAGE", "R5: own company");
        assertEquals(202, own.status(), own.body());
    }

    @Test
    void Attack_adminProbesUnknownAndForeignCompanyCodesOnTheGateway_identical403s_ownCompanyWorks() {
        AppClient api = stack.newApp();
        String admin = stack.adminToken(LocalStack.COMPANY);
        assertProbesLookAlike(api::failBack, admin);
        Answer own = api.failBack(admin, LocalStack.COMPANY);
        assertEquals(202, own.status(), own.body());
    }

    /** The same 403 problem, byte for byte, for a company the deployment lacks and for another it serves. */
    private static void assertProbesLookAlike(BiFunction<String, String, Answer> act, String admin) {
        Answer unknown = act.apply(admin, UNKNOWN);
        Answer foreign = act.apply(admin, LocalStack.SSO_COMPANY);
        assertEquals(403, unknown.status(), unknown.body());
        assertTrue(unknown.contentType().startsWith("application/problem+json"), unknown.contentType());
        assertEquals(DemoCompany.PROBLEMS + "forbidden", unknown.json().path("type").asText());
        assertEquals(foreign.status(), unknown.status());
        assertEquals(foreign.body(), unknown.body(), "an unknown company looks exactly like another company");
    }
}
