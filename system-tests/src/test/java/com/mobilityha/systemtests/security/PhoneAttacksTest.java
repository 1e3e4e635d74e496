package com.mobilityha.systemtests.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityha.localstack.demo.DemoCompany;
import com.mobilityha.systemtests.app.AppClient;
import com.mobilityha.systemtests.app.Http.Answer;
import com.mobilityha.systemtests.junit.OnLocalStack;
import com.mobilityha.systemtests.junit.StackKind;
import com.mobilityha.systemtests.stack.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * R5, premium-rate fraud, over real processes: acme denies {@link DemoCompany#DENIED_PREFIXES};
 * neither a call to such a number nor a desk phone with such a number reaches Amazon Connect (the
 * simulator), while ordinary numbers still dial and ring.
 */
@OnLocalStack(StackKind.ONE_SITE)
class PhoneAttacksTest {
    private static final String PREMIUM_US = "+19005550100";
    private static final String PREMIUM_UK = "+449095550100";
    private static LocalStack stack;

    @BeforeAll
    static void onSite(LocalStack started) {
        stack = started;
    }

    @Test
    void Attack_dialsAPremiumRateNumber_refusedWith403AndNoCallReachesConnect_anOrdinaryNumberStillDials() {
        AppClient phone = stack.newApp();
        Answer login = phone.login(LocalStack.COMPANY, DemoCompany.generatedAgent(963), LocalStack.PASSWORD,
                "+14155550163");
        assertEquals(201, login.status(), login.body());
        String instanceId = login.json().at("/session/instance/instanceId").asText();

        Answer refused = phone.call(PREMIUM_US);
        assertRefused(refused, "+1900");
        assertFalse(customerNumbers(instanceId).contains(PREMIUM_US), "no contact to the premium number on Connect");
        assertTrue(phone.session().json().path("call").isMissingNode() || phone.session().json().path("call").isNull(),
                "no call on the session");

        Answer call = phone.call("+14155550100");
        assertEquals(201, call.status(), call.body());
        assertTrue(customerNumbers(instanceId).contains("+14155550100"), "the ordinary call reached Connect");
        assertEquals(204, phone.hangUp(call.json().path("contactId").asText()).status());
        assertEquals(204, phone.logout().status());
    }

    @Test
    void Attack_givesAPremiumRateDeskPhoneAtLogin_refusedWith403AndConnectNeverRingsIt_anOrdinaryNumberStillLogsIn() {
        String agent = DemoCompany.generatedAgent(964);
        AppClient phone = stack.newApp();
        Answer refused = phone.login(LocalStack.COMPANY, agent, LocalStack.PASSWORD, PREMIUM_UK);
        assertRefused(refused, "+44909");
        assertNull(phone.sessionToken(), "no session");
        for (String instanceId : List.of(LocalStack.PRIMARY_INSTANCE, LocalStack.SECONDARY_INSTANCE)) {
            JsonNode onConnect = stack.agentOnSimulator(instanceId, agent).json();
            assertFalse(PREMIUM_UK.equals(onConnect.path("deskPhoneNumber").asText()), onConnect.toString());
        }

        Answer login = phone.login(LocalStack.COMPANY, agent, LocalStack.PASSWORD, "+447700900164");
        assertEquals(201, login.status(), login.body());
        String instanceId = login.json().at("/session/instance/instanceId").asText();
        assertEquals("+447700900164", stack.agentOnSimulator(instanceId, agent).json().path("deskPhoneNumber").asText());
        assertEquals(204, phone.logout().status());
    }

    private static void assertRefused(Answer refused, String deniedPrefix) {
        assertEquals(403, refused.status(), refused.body());
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
        assertEquals(DemoCompany.PROBLEMS + "destination-not-allowed", refused.json().path("type").asText());
        assertEquals("denied-prefix", refused.json().at("/rule/kind").asText(), refused.body());
        assertEquals(deniedPrefix, refused.json().at("/rule/prefix").asText(), refused.body());
    }

    private static List<String> customerNumbers(String instanceId) {
        Answer contacts = stack.contactsOnSimulator(instanceId);
        assertEquals(200, contacts.status(), contacts.body());
        List<String> numbers = new ArrayList<>();
        contacts.json().forEach(contact -> numbers.add(contact.path("customerNumber").asText()));
        return numbers;
    }
}
