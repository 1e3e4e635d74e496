package com.mobilityha.login.company;

import com.mobilityha.localstack.quarkustest.RedisServerResource;
import com.mobilityha.login.testing.LoginTestSite;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static com.mobilityha.localstack.quarkustest.ManagementInterface.management;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(LoginTestSite.class)
class CompanySettingsResourceTest {

    @Test
    void settingsListBothSitesAndBothInstancesPrimaryFirst() {
        given().when().get("/api/v1/companies/ACME/settings")
                .then().statusCode(200)
                .body("companyCode", equalTo("acme"))
                .body("sso", equalTo(false))
                .body("phoneType", equalTo("SOFT_PHONE"))
                .body("mobilityServers.role", equalTo(java.util.List.of("primary", "secondary")))
                .body("mobilityServers[0].baseUrl", equalTo("http://localhost:8081"))
                .body("connectInstances.role", equalTo(java.util.List.of("primary", "secondary")))
                .body("connectInstances[1].instanceId", equalTo("a1b2c3d4-0000-4000-8000-000000000002"))
                .body("connectInstances[1].region", equalTo("us-west-2"))
                .body(not(containsString("secret")));
    }

    @Test
    void ssoCompanySaysSo() {
        given().when().get("/api/v1/companies/globex/settings")
                .then().statusCode(200).body("sso", equalTo(true));
    }

    @Test
    void unknownCompanyIsA404Problem() {
        given().when().get("/api/v1/companies/nope/settings")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://mobility-ha.example/problems/unknown-company"))
                .body("detail", not(containsString("nope")));
    }

    @Test
    void operationalEndpointsAnswerOnTheManagementPortOnly() {
        management().when().get("/health/ready").then().statusCode(200)
                .body("checks.name", hasItem(containsString("Redis")));
        management().when().get("/health/live").then().statusCode(200);
        management().when().get("/health/started").then().statusCode(200);
        management().when().get("/metrics").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(404);
        given().when().get("/q/metrics").then().statusCode(404);
        management().when().get("/openapi").then().statusCode(200)
                .body(containsString("/api/v1/logins"));
    }
}
