package com.mobilityha.session.console;

import com.mobilityha.localstack.quarkustest.RedisSentinelResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's page headers and its CSRF defence ({@link ConsoleOrigin}), without a sign-in: the
 * origin check comes before authentication. Signed in, in a browser: system-tests'
 * {@code security/ConsoleAttacksTest} and {@code console/OperationsConsoleTest}.
 */
@QuarkusTest
@QuarkusTestResource(RedisSentinelResource.class)
class ConsoleHardeningTest {
    private static final String ACTION = "/admin/api/companies/acme/notifications";
    private static final String MESSAGE = "{\"audience\":{\"type\":\"COMPANY\"},\"kind\":\"WAKE\"}";

    @TestHTTPResource("/")
    URI console;

    @Test
    void aConsoleActionFromAnotherOriginIsA403Problem() {
        given().header("Origin", "https://attacker.example").contentType(ContentType.JSON).body(MESSAGE)
                .post(ACTION).then().statusCode(403).contentType("application/problem+json")
                .body("type", containsString("/problems/forbidden"))
                .body("detail", containsString("console's own page"));
        given().header("Referer", "https://attacker.example/page").contentType(ContentType.JSON).body(MESSAGE)
                .post(ACTION).then().statusCode(403);
        given().contentType(ContentType.JSON).body(MESSAGE).post(ACTION).then().statusCode(403);
    }

    @Test
    void anActionPathSpelledAnotherWayIsCheckedAsRouted() {
        for (String path : new String[] {"/%61dmin/api/companies/acme/notifications",
                "/x/../admin/api/companies/acme/notifications", "/./admin/api/companies/acme/notifications"}) {
            given().urlEncodingEnabled(false).header("Origin", "https://attacker.example").contentType(ContentType.JSON)
                    .body(MESSAGE).post(path).then().statusCode(403).body("type", containsString("/problems/forbidden"));
        }
    }

    @Test
    void aConsoleActionFromTheConsolesOwnOriginGoesOnToSignInChecks() {
        String own = "http://" + console.getAuthority();
        given().header("Origin", own).contentType(ContentType.JSON).body(MESSAGE)
                .post(ACTION).then().statusCode(401);
        given().header("Referer", own + "/admin/").contentType(ContentType.JSON).body(MESSAGE)
                .post(ACTION).then().statusCode(401);
    }

    @Test
    void theAppsApiIsNotSubjectToTheConsolesOriginCheck() {
        given().header("Origin", "https://attacker.example").delete("/api/v1/session")
                .then().statusCode(401).body("type", containsString("/problems/missing-bearer-token"));
    }

    @Test
    void theConsolesPagesMayNotBeFramedAndLoadOnlyTheirOwnResources() {
        given().get("/admin/signed-out.html").then().statusCode(200)
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("script-src 'self'"));
        given().get("/admin/api/companies/acme/overview").then().statusCode(401)
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
    }

    @Test
    void inProductionTheConsolesCookiesAreSecure() throws IOException {
        SmallRyeConfig prod = new SmallRyeConfigBuilder().withProfile("prod")
                .withSources(new PropertiesConfigSource(getClass().getResource("/application.properties"), 250))
                .build();
        assertTrue(prod.getValue("quarkus.oidc.authentication.cookie-force-secure", Boolean.class));
    }
}
