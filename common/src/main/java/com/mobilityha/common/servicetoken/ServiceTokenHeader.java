package com.mobilityha.common.servicetoken;

import jakarta.inject.Inject;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.lang.reflect.Method;

/**
 * Signs each call of a REST client of a cluster-internal API ({@code @RegisterProvider(ServiceTokenHeader.class)}):
 * a service token for the service the client's {@code configKey} names, which is that service's
 * {@code quarkus.application.name}.
 */
public class ServiceTokenHeader implements ClientRequestFilter {
    private static final String INVOKED_METHOD = "org.eclipse.microprofile.rest.client.invokedMethod";

    @Inject
    ServiceTokens tokens;

    @Override
    public void filter(ClientRequestContext request) {
        Method invoked = (Method) request.getProperty(INVOKED_METHOD);
        RegisterRestClient client = invoked.getDeclaringClass().getAnnotation(RegisterRestClient.class);
        request.getHeaders().putSingle(ServiceTokens.HEADER, tokens.mint(client.configKey()));
    }
}
