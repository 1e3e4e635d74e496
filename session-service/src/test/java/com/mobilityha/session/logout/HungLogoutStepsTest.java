package com.mobilityha.session.logout;

import com.mobilityha.localstack.quarkustest.RedisSentinelResource;
import com.mobilityha.localstack.quarkustest.ServiceCaller;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A logout step whose service hangs is given up after its client's timeout (configured by
 * {@code quarkus.fault-tolerance."<client>/<method>".timeout.value}), not after the service's answer:
 * here the clients' read timeouts are far longer than the hang, so only the timeouts can end it.
 */
@QuarkusTest
@TestProfile(HungLogoutStepsTest.ShortStepTimeouts.class)
@QuarkusTestResource(RedisSentinelResource.class)
@QuarkusTestResource(LogoutSteps.class)
class HungLogoutStepsTest {
    private static final String CLIENTS = "com.mobilityha.session.downstream.";

    /** Step timeouts of 300 ms, read timeouts of a minute. */
    public static class ShortStepTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.rest-client.notifier-service.read-timeout", "60000",
                    "quarkus.rest-client.connect-gateway.read-timeout", "60000",
                    "quarkus.rest-client.login-service.read-timeout", "60000",
                    timeout("NotifierService/guardedUnregisterDevices"), "300",
                    timeout("ConnectGateway/guardedSetAgentOffline"), "300",
                    timeout("LoginService/guardedRevokeRefreshToken"), "300");
        }

        private static String timeout(String method) {
            return "quarkus.fault-tolerance.\"" + CLIENTS + method + "\".timeout.value";
        }
    }

    @AfterEach
    void stepsAnswerAgain() {
        LogoutSteps.hanging = false;
        LogoutSteps.CALLS.clear();
    }

    @Test
    void hungServicesDoNotHoldTheLogout() {
        String token = given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("""
                        {"companyCode":"acme","user":{"username":"hugo","connectUserId":"u-hugo"},
                         "instance":{"role":"primary","instanceId":"i-1","region":"us-east-1"}}""")
                .post("/internal/v1/sessions").then().statusCode(201).extract().path("sessionToken");
        LogoutSteps.hanging = true;

        long start = System.nanoTime();
        given().header("Authorization", "Bearer " + token).delete("/api/v1/session").then().statusCode(204);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(took.compareTo(LogoutSteps.HANG) < 0, "logout took " + took);
        assertEquals(3, LogoutSteps.CALLS.size(), "every step was tried");
        given().header("Authorization", "Bearer " + token).get("/api/v1/session").then().statusCode(401);
    }
}
