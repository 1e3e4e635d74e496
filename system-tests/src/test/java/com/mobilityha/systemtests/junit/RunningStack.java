package com.mobilityha.systemtests.junit;

import com.mobilityha.systemtests.stack.KeycloakServer;
import com.mobilityha.systemtests.stack.LocalStack;

import java.util.List;

/**
 * A started local stack of a kind and the Keycloak it signs in at (null without), stopped together
 * (by JUnit when the store holding it closes). Stopping fails the run when Redis refused one of the
 * services anything meanwhile (its ACL user lacking a key or a command): whatever the tests on it did,
 * k8s/redis/users.acl must have let the services do it.
 */
record RunningStack(StackKind kind, LocalStack stack, KeycloakServer keycloak) implements AutoCloseable {

    @Override
    public void close() {
        List<String> refusals = stack.redisRefusals();
        stack.close();
        if (keycloak != null) {
            keycloak.close();
        }
        if (!refusals.isEmpty()) {
            throw new AssertionError("Redis refused the services (k8s/redis/users.acl): " + refusals);
        }
    }
}
