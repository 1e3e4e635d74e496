package com.mobilityha.localstack.quarkustest;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * The management interface of the service under test: health, metrics and OpenAPI on their own port
 * ({@code quarkus.management.*}), under its root {@code /q}, e.g. {@code management().get("/health/ready")}.
 */
public final class ManagementInterface {
    private ManagementInterface() {
    }

    /** A RestAssured request to the management port of the {@code @QuarkusTest}'s application. */
    public static RequestSpecification management() {
        return RestAssured.given().baseUri(TestHTTPResourceManager.getManagementUri());
    }
}
