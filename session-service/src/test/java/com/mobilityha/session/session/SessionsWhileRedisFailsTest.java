package com.mobilityha.session.session;

import com.mobilityha.localstack.quarkustest.RedisOutage;
import com.mobilityha.localstack.quarkustest.RedisSentinelResource;
import com.mobilityha.localstack.quarkustest.ServiceCaller;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;

/** Redis trouble while sessions are stored: the caller is told to retry (503 with Retry-After), never a 500. */
@QuarkusTest
@QuarkusTestResource(RedisSentinelResource.class)
class SessionsWhileRedisFailsTest {
    @Test
    void aNewSessionWhileRedisRefusesWritesIsA503ToRetryAndSucceedsOnceRedisTakesWritesAgain() {
        try (RedisOutage ignored = RedisOutage.refusingWrites()) {
            RedisOutage.assertRetryLater(newSession());
        }
        newSession().statusCode(201);
    }

    private static ValidatableResponse newSession() {
        return given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON).body("""
                        {"companyCode":"acme",
                         "user":{"username":"rita","connectUserId":"u-rita"},
                         "instance":{"role":"primary","instanceId":"i-1","region":"us-east-1"}}""")
                .post("/internal/v1/sessions").then();
    }
}
