package com.mobilityha.systemtests.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityha.localstack.demo.DemoCompany;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.systemtests.app.AppClient;
import com.mobilityha.systemtests.app.Http.Answer;
import com.mobilityha.systemtests.junit.OnLocalStack;
import com.mobilityha.systemtests.junit.StackKind;
import com.mobilityha.systemtests.stack.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * R5, device registrations, over real processes: a session's pushes cannot be multiplied by
 * registering ever more devices (a session keeps its five newest), nor pointed at an app the
 * company does not allow; the reference app registers and receives its pushes all the same.
 */
@OnLocalStack(StackKind.ONE_SITE)
class DeviceRegistrationAttacksTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int DEVICES_KEPT = 5;
    private static LocalStack stack;

    @BeforeAll
    static void onSite(LocalStack started) {
        stack = started;
    }

    @Test
    void Attack_registersASixthDeviceOnOneSession_theOldestIsUnregisteredAndAPushReachesOnlyTheNewestFive() {
        String agent = DemoCompany.generatedAgent(961);
        AppClient phone = signedIn(agent);
        List<String> devices = new ArrayList<>();
        for (int i = 0; i <= DEVICES_KEPT; i++) {
            String device = stack.apns().newDeviceToken();
            Answer registered = phone.registerApnsDevice(device, LocalStack.APP_ID);
            assertEquals(200, registered.status(), "device " + (i + 1) + ": " + registered.body());
            devices.add(device);
            Poll.sleep(2); // registration times are milliseconds: the next device registers a tick later
        }

        String admin = stack.adminToken(LocalStack.COMPANY);
        Answer sent = phone.notifyUsers(admin, LocalStack.COMPANY, List.of(agent), "MESSAGE", "R5: who gets this?");
        assertEquals(202, sent.status(), sent.body());
        List<String> newest = devices.subList(1, devices.size());
        newest.forEach(device -> assertTrue(stack.apns().awaitDelivery(device, WAIT), "a kept device gets the push"));
        String notificationId = sent.json().path("notificationId").asText();
        assertTrue(Poll.until(() -> report(phone, admin, notificationId).path("sent").asLong() == DEVICES_KEPT, WAIT),
                "the delivery report counts five pushes sent");
        JsonNode report = report(phone, admin, notificationId);
        assertEquals(DEVICES_KEPT, report.path("targeted").asLong(), report.toString());
        assertEquals(List.of(), stack.apns().receivedBy(devices.get(0)), "the oldest device was unregistered");
        assertEquals(204, phone.logout().status());
    }

    @Test
    void Attack_registersTheDeviceOfAnAppTheCompanyDoesNotAllow_refusedAndTheReferenceAppStillRegisters() {
        AppClient phone = signedIn(DemoCompany.generatedAgent(962));
        Answer refused = phone.registerApnsDevice(stack.apns().newDeviceToken(), "com.attacker.pushes");
        assertEquals(400, refused.status(), refused.body());
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
        assertEquals(DemoCompany.PROBLEMS + "invalid-request", refused.json().path("type").asText());
        assertEquals("appId", refused.json().at("/errors/0/field").asText(), refused.body());

        Answer allowed = phone.registerApnsDevice(stack.apns().newDeviceToken(), LocalStack.APP_ID);
        assertEquals(200, allowed.status(), allowed.body());
        assertEquals(LocalStack.APP_ID, allowed.json().path("appId").asText());
        assertEquals(204, phone.logout().status());
    }

    private static AppClient signedIn(String agent) {
        AppClient phone = stack.newApp();
        Answer login = phone.login(LocalStack.COMPANY, agent, LocalStack.PASSWORD);
        assertEquals(201, login.status(), login.body());
        return phone;
    }

    private static JsonNode report(AppClient phone, String admin, String notificationId) {
        return phone.notificationReport(admin, notificationId).json();
    }
}
