package com.mobilityha.systemtests.junit;

import com.mobilityha.systemtests.stack.KeycloakServer;
import com.mobilityha.systemtests.stack.LocalStack;

/**
 * A started local stack of a kind and the Keycloak it signs in at (null without), stopped together
 * (by JUnit when the store holding it closes).
 */
record RunningStack(StackKind kind, LocalStack stack, KeycloakServer keycloak) implements AutoCloseable {

    @Override
    public void close() {
        stack.close();
        if (keycloak != null) {
            keycloak.close();
        }
    }
}
