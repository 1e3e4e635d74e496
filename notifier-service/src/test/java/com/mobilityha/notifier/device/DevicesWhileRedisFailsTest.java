package com.mobilityha.notifier.device;

import com.mobilityha.localstack.quarkustest.AdminRedis;
import com.mobilityha.localstack.quarkustest.RedisOutage;
import com.mobilityha.localstack.quarkustest.RedisServerResource;
import com.mobilityha.localstack.session.TestSessions;
import com.mobilityha.notifier.testing.PushTestSite;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import static com.mobilityha.localstack.demo.DemoCompany.PRIMARY;
import static io.restassured.RestAssured.given;

/** Redis trouble while a device registers: the app is told to retry (503 with Retry-After), never a 500. */
@QuarkusTest
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(PushTestSite.class)
class DevicesWhileRedisFailsTest {
    @AdminRedis
    RedisDataSource redis;

    @Test
    void aDeviceRegistrationWhileRedisIsFrozenIsA503ToRetry() {
        String session = TestSessions.create(redis, "acme", "fred", "c-fred", PRIMARY);
        try (RedisOutage ignored = RedisOutage.frozen()) {
            RedisOutage.assertRetryLater(register(session));
        }
    }

    @Test
    void aDeviceRegistrationWhileRedisRefusesWritesIsA503ToRetry() {
        String session = TestSessions.create(redis, "acme", "greta", "c-greta", PRIMARY);
        try (RedisOutage ignored = RedisOutage.refusingWrites()) {
            RedisOutage.assertRetryLater(register(session));
        }
        register(session).statusCode(200);
    }

    private static ValidatableResponse register(String session) {
        return given().header("Authorization", "Bearer " + session).contentType(ContentType.JSON)
                .body("{\"platform\":\"APNS\",\"token\":\"" + "ab".repeat(32) + "\",\"appId\":\"com.mobilityha.test\"}")
                .put("/api/v1/devices/current").then();
    }
}
