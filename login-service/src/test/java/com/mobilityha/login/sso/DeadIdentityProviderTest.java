package com.mobilityha.login.sso;

import com.mobilityha.localstack.process.Poll;
import com.mobilityha.localstack.quarkustest.RedisServerResource;
import com.mobilityha.login.testing.LoginTestSite;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static com.mobilityha.localstack.demo.DemoCompany.PROBLEMS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * One company's IdP is dead (it accepts connections and never answers): its logins wait for one
 * discovery, which holds up no other company's logins, and once it failed they are refused at once.
 */
@QuarkusTest
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(LoginTestSite.class)
class DeadIdentityProviderTest {
    @Test
    void aDeadIdpHoldsUpNoOtherCompanyAndItsNextLoginsAre503sWithoutAskingItAgain() throws Exception {
        CompletableFuture<Integer> deadLogin = CompletableFuture.supplyAsync(
                () -> start(LoginTestSite.DEAD_IDP_COMPANY).extract().statusCode());
        Poll.require(() -> LoginTestSite.deadIdentityProvider.connections() > 0, "the dead IdP's discovery",
                Duration.ofSeconds(10));

        start(LoginTestSite.NEIGHBOUR_COMPANY).statusCode(201);
        assertFalse(deadLogin.isDone(),
                "the other company's login answered while the dead IdP's discovery was still under way");

        assertEquals(503, deadLogin.get());
        int asked = LoginTestSite.deadIdentityProvider.connections();
        for (int login = 0; login < 3; login++) {
            start(LoginTestSite.DEAD_IDP_COMPANY).statusCode(503).contentType("application/problem+json")
                    .body("type", equalTo(PROBLEMS + "dependency-unavailable"))
                    .header("Retry-After", notNullValue());
        }
        assertEquals(asked, LoginTestSite.deadIdentityProvider.connections(),
                "the logins after the failed discovery did not ask the dead IdP again");
    }

    private static ValidatableResponse start(String companyCode) {
        return given().contentType(ContentType.JSON)
                .body("{\"companyCode\":\"" + companyCode + "\",\"codeChallenge\":"
                        + "\"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM\",\"codeChallengeMethod\":\"S256\"}")
                .post("/api/v1/logins").then();
    }
}
