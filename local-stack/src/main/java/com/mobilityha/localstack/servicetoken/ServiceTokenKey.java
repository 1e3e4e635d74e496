package com.mobilityha.localstack.servicetoken;

import com.mobilityha.common.servicetoken.ServiceTokens;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * A fresh random service-token key for one local deployment, given to its services as their secret
 * would be in Kubernetes; tests and tools use it to call an internal API as the service allowed to.
 */
public final class ServiceTokenKey {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String key;

    private ServiceTokenKey(String key) {
        this.key = key;
    }

    public static ServiceTokenKey random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new ServiceTokenKey(Base64.getEncoder().encodeToString(bytes));
    }

    /** The setting that gives a service this key. */
    public Map<String, String> properties() {
        return Map.of("mobility.service-token.key", key);
    }

    /** The header of a call from service {@code caller} to service {@code audience}. */
    public Map<String, String> header(String caller, String audience) {
        return Map.of(ServiceTokens.HEADER, ServiceTokens.forService(caller, key).mint(audience));
    }
}
