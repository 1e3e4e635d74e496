package com.mobilityha.localstack.quarkustest;

import com.mobilityha.common.servicetoken.ServiceTokens;
import io.restassured.http.Header;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Calls a {@code @QuarkusTest}'s internal API as another service would: with a service token signed
 * with the application's own key ({@code mobility.service-token.key} of its test profile), e.g.
 * {@code given().header(ServiceCaller.as("login-service")).post("/internal/v1/sessions")}.
 */
public final class ServiceCaller {
    private ServiceCaller() {
    }

    /** The header a call from {@code caller} to the application under test carries. */
    public static Header as(String caller) {
        Config config = ConfigProvider.getConfig();
        String token = ServiceTokens.forService(caller, config.getValue("mobility.service-token.key", String.class))
                .mint(config.getValue("quarkus.application.name", String.class));
        return new Header(ServiceTokens.HEADER, token);
    }
}
