package com.mobilityha.session.logout;

import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.servicetoken.ServiceTokens;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionRepository;
import com.mobilityha.common.session.SessionTokens;
import com.mobilityha.localstack.quarkustest.AdminRedis;
import com.mobilityha.localstack.quarkustest.RedisSentinelResource;
import com.mobilityha.localstack.quarkustest.ServiceCaller;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code DELETE /api/v1/session}: every logout step is asked for, and the session ends whatever they answer; an
 * agent Offline the gateway did not confirm is left to it as a durable duty.
 */
@QuarkusTest
@QuarkusTestResource(RedisSentinelResource.class)
@QuarkusTestResource(LogoutSteps.class)
class LogoutTest {
    private static final String PROBLEMS = "https://mobility-ha.example/problems/";

    @AdminRedis
    RedisDataSource redis;

    @Inject
    SessionRepository sessions;

    @AfterEach
    void stepsWorkAgain() {
        redis.key().del(RedisKeys.agentOfflineDuties(), RedisKeys.pendingAgentOfflineDuties("acme"));
        LogoutSteps.failing = false;
        LogoutSteps.CALLS.clear();
        LogoutSteps.SERVICE_TOKENS.clear();
    }

    @Test
    void logoutUnregistersDevicesSetsTheAgentOfflineRevokesTheIdpTokenAndEndsTheSession() {
        String token = newSession("logan");

        given().header("Authorization", "Bearer " + token).delete("/api/v1/session").then().statusCode(204);

        String bearer = "Bearer " + token;
        assertEquals(List.of("DELETE /api/v1/devices/current " + bearer + " ",
                "PUT /api/v1/agent/status " + bearer + " {\"status\":\"Offline\"}",
                "POST /internal/v1/sso-revocations " + bearer + " "), LogoutSteps.CALLS);
        String key = ConfigProvider.getConfig().getValue("mobility.service-token.key", String.class);
        assertEquals("session-service", ServiceTokens.forService("login-service", key)
                .callerOf(LogoutSteps.SERVICE_TOKENS.get("/internal/v1/sso-revocations")), "signed for login-service");
        assertEquals(Set.of("/internal/v1/sso-revocations"), LogoutSteps.SERVICE_TOKENS.keySet(), "only internal calls carry one");
        given().header("Authorization", bearer).get("/api/v1/session").then().statusCode(401)
                .body("type", equalTo(PROBLEMS + "invalid-session-token"));
        given().header("Authorization", bearer).delete("/api/v1/session").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void theSessionEndsEvenWhenEveryOtherServiceIsDown() {
        String token = newSession("mona");
        LogoutSteps.failing = true;

        given().header("Authorization", "Bearer " + token).delete("/api/v1/session").then().statusCode(204);

        assertEquals(3, LogoutSteps.CALLS.size(), "every step was tried");
        given().header("Authorization", "Bearer " + token).get("/api/v1/session").then().statusCode(401);
    }

    @Test
    void aLogoutTheGatewayDidNotConfirmQueuesADurableOfflineDutyForTheAgent() {
        String token = newSession("nina");
        LogoutSteps.failing = true;

        given().header("Authorization", "Bearer " + token).delete("/api/v1/session").then().statusCode(204);

        List<StreamMessage<String, String, String>> duties = duties();
        assertEquals(1, duties.size(), "one duty for the one logout");
        Map<String, String> duty = duties.get(0).payload();
        assertEquals(Map.of("sessionId", duty.get("sessionId"), "companyCode", "acme", "username", "nina",
                "connectUserId", "u-nina", "instanceRole", "primary", "instanceId", "i-1", "region", "us-east-1",
                "loggedOutAt", duty.get("loggedOutAt")), duty,
                "what the gateway needs to set the agent Offline, without the session's token");
        assertEquals(Set.of(duty.get("sessionId")), redis.set(String.class).smembers(RedisKeys.pendingAgentOfflineDuties("acme")),
                "pending for the console");
        given().header("Authorization", "Bearer " + token).get("/api/v1/session").then().statusCode(401);
    }

    @Test
    void anAgentWhoseInstanceFailedIsSetOfflineThereWhenTheyLogOutOfTheSessionAwaitingARelogin() {
        String token = newSession("pia");
        SessionRecord session = sessions.findByTokenHash(SessionTokens.hash(token)).orElseThrow();
        sessions.update(session, s -> Optional.of(s.reloginRequired()));
        LogoutSteps.failing = true; // the failed instance does not answer the gateway

        given().header("Authorization", "Bearer " + token).delete("/api/v1/session").then().statusCode(204);

        assertEquals(List.of("pia"), duties().stream().map(duty -> duty.payload().get("username")).toList(),
                "the agent is still Available on the failed instance: Offline there once it answers");
    }

    @Test
    void aLogoutTheGatewayConfirmedQueuesNoDuty() {
        String token = newSession("olga");

        given().header("Authorization", "Bearer " + token).delete("/api/v1/session").then().statusCode(204);

        assertEquals(List.of(), duties());
    }

    @Test
    void logoutNeedsASession() {
        given().delete("/api/v1/session").then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "missing-bearer-token"));
        given().header("Authorization", "Bearer nope").delete("/api/v1/session").then().statusCode(401)
                .body("type", equalTo(PROBLEMS + "invalid-session-token"));
        assertEquals(List.of(), LogoutSteps.CALLS, "nobody else is asked for an unknown session");
    }

    private List<StreamMessage<String, String, String>> duties() {
        return redis.stream(String.class, String.class, String.class).xrange(RedisKeys.agentOfflineDuties(),
                StreamRange.of("-", "+"));
    }

    private static String newSession(String username) {
        return given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("""
                        {"companyCode":"acme","user":{"username":"%s","connectUserId":"u-%s"},
                         "instance":{"role":"primary","instanceId":"i-1","region":"us-east-1"}}""".formatted(username, username))
                .post("/internal/v1/sessions").then().statusCode(201).extract().path("sessionToken");
    }
}
