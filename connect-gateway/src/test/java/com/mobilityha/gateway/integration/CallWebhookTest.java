package com.mobilityha.gateway.integration;

import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.gateway.testing.AdminIdentityResource;
import com.mobilityha.gateway.testing.Await;
import com.mobilityha.gateway.testing.ConnectSimulatorResource;
import com.mobilityha.gateway.testing.CrmWebhookResource.Received;
import com.mobilityha.gateway.testing.CrmWebhookResource;
import com.mobilityha.localstack.quarkustest.RedisServerResource;
import com.mobilityha.localstack.quarkustest.ServiceCaller;
import com.mobilityha.localstack.session.TestSessions;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.mobilityha.localstack.demo.DemoCompany.PRIMARY;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(ConnectSimulatorResource.class)
@QuarkusTestResource(AdminIdentityResource.class)
@QuarkusTestResource(CrmWebhookResource.class)
class CallWebhookTest {
    @Inject
    RedisDataSource redis;

    @ConfigProperty(name = "simulator.url")
    String simulator;

    @CrmWebhookResource.Inject
    CrmWebhookResource.Receivers crm;

    String agent;

    @BeforeEach
    void agentLoggedInAndCrmHealthy() {
        given().baseUri(simulator).post("/admin/reset").then().statusCode(200);
        Await.instanceState(PRIMARY.instanceId(), "UP");
        crm.reset();
        String userId = given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("{\"companyCode\":\"acme\",\"username\":\"carol\"}")
                .post("/internal/v1/agent-logins").then().statusCode(200).extract().path("connectUserId");
        agent = TestSessions.create(redis, "acme", "carol", userId, PRIMARY);
    }

    @Test
    void S14_callEventsReachTheCrmSignedAndFailOverToItsSecondaryUrl() throws Exception {
        String contactId = call();
        Await.until(() -> crm.primary().received().size() == 1, "call.started at the CRM's primary URL");
        Received started = crm.primary().received().get(0);
        assertEquals("call.started", started.type());
        assertTrue(started.body().contains(contactId) && started.body().contains("\"agent\":\"carol\""));
        assertEquals("sha256=" + hmac(started.body()), started.signature(), "signed with the company's secret");

        crm.primary().answer(503);
        hangUp(contactId);
        Await.until(() -> crm.secondary().received().size() == 1, "call.ended at the secondary URL");
        assertEquals("call.ended", crm.secondary().received().get(0).type());
        assertTrue(crm.primary().received().size() == 1, "the failing primary got nothing more");
    }

    @Test
    void S14_eventsNoUrlCanTakeAreDeliveredOnceTheCrmIsBack() {
        crm.primary().answer(503);
        crm.secondary().answer(503);
        String contactId = call();
        Await.sleep(300);
        assertTrue(crm.primary().received().isEmpty() && crm.secondary().received().isEmpty());

        crm.primary().answer(204);
        crm.secondary().answer(204);
        Await.until(() -> received().stream().anyMatch(r -> r.body().contains(contactId)), "delivered after the CRM is back");
        hangUp(contactId);
        Await.until(() -> received().stream().anyMatch(r -> "call.ended".equals(r.type())), "later events flow again");
    }

    @Test
    void S14_aCrmThatRejectsAnEventDoesNotBlockTheNextOnes() {
        crm.primary().answer(400);
        String contactId = call();
        Await.sleep(300);
        crm.primary().answer(204);
        hangUp(contactId);
        Await.until(() -> crm.primary().received().stream().anyMatch(r -> "call.ended".equals(r.type())), "next event");
        assertTrue(crm.primary().received().stream().noneMatch(r -> "call.started".equals(r.type())),
                "a rejected event is dead-lettered, not retried forever");
        assertTrue(redis.stream(String.class).xlen(RedisKeys.callEventDeadLetters()) >= 1);
    }

    private List<Received> received() {
        List<Received> all = new java.util.ArrayList<>(crm.primary().received());
        all.addAll(crm.secondary().received());
        return all;
    }

    private String call() {
        return given().header("Authorization", "Bearer " + agent).contentType(ContentType.JSON)
                .body("{\"destination\":\"+14155550100\"}").post("/api/v1/calls")
                .then().statusCode(201).extract().path("contactId");
    }

    private void hangUp(String contactId) {
        given().header("Authorization", "Bearer " + agent).delete("/api/v1/calls/" + contactId).then().statusCode(204);
    }

    private static String hmac(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(CrmWebhookResource.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
