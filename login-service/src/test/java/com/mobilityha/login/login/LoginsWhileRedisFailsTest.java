package com.mobilityha.login.login;

import com.mobilityha.localstack.quarkustest.RedisOutage;
import com.mobilityha.localstack.quarkustest.RedisServerResource;
import com.mobilityha.login.testing.LoginTestSite;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Redis trouble during logins: the app is told to retry (503 with Retry-After), and the rate limiter,
 * blind while Redis fails, lets no password reach the directory (no unlimited password oracle).
 */
@QuarkusTest
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(LoginTestSite.class)
class LoginsWhileRedisFailsTest {
    @Test
    void aPasswordLoginWhileRedisIsFrozenIsA503AndTheDirectoryIsNotAsked() {
        int checkedBefore = LoginTestSite.identityProvider.refusals();
        try (RedisOutage ignored = RedisOutage.frozen()) {
            RedisOutage.assertRetryLater(passwordLogin("guess-1"));
        }
        assertEquals(checkedBefore, LoginTestSite.identityProvider.refusals(),
                "no password was checked against the directory while the limiter could not count");
    }

    @Test
    void passwordLoginsWhileRedisRefusesWritesAre503sAndTheDirectoryIsNotAsked() {
        int checkedBefore = LoginTestSite.identityProvider.refusals();
        try (RedisOutage ignored = RedisOutage.refusingWrites()) {
            for (int guess = 0; guess < 3; guess++) {
                RedisOutage.assertRetryLater(passwordLogin("guess-" + guess));
            }
        }
        assertEquals(checkedBefore, LoginTestSite.identityProvider.refusals(),
                "no password was checked against the directory while the limiter could not count");
    }

    @Test
    void anSsoLoginStartWhileRedisIsFrozenIsA503() {
        try (RedisOutage ignored = RedisOutage.frozen()) {
            RedisOutage.assertRetryLater(given().contentType(ContentType.JSON)
                    .body("{\"companyCode\":\"globex\",\"codeChallenge\":\"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM\","
                            + "\"codeChallengeMethod\":\"S256\"}")
                    .post("/api/v1/logins").then());
        }
    }

    private static ValidatableResponse passwordLogin(String password) {
        return given().contentType(ContentType.JSON)
                .body("{\"companyCode\":\"acme\",\"username\":\"alice\",\"password\":\"" + password + "\"}")
                .post("/api/v1/logins").then();
    }
}
