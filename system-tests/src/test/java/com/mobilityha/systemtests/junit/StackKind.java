package com.mobilityha.systemtests.junit;

import com.mobilityha.systemtests.stack.KeycloakServer;
import com.mobilityha.systemtests.stack.LocalStack;
import com.mobilityha.systemtests.stack.StackPorts;

/** The local stacks system tests run on. */
public enum StackKind {
    /** One site, the dev IdP for every company. */
    ONE_SITE,
    /** One site, Globex (SSO) and the administrators signing in at a real Keycloak. */
    ONE_SITE_WITH_KEYCLOAK,
    /** Both sites on one Redis data set with Sentinels. */
    TWO_SITES;

    /** Starts a stack of this kind on free ports, printing what started. */
    RunningStack start() {
        KeycloakServer keycloak = this == ONE_SITE_WITH_KEYCLOAK ? KeycloakServer.start() : null;
        try {
            LocalStack stack = this == TWO_SITES
                    ? LocalStack.startTwoSites(StackPorts.free(), StackKind::started)
                    : LocalStack.start(StackPorts.free(), StackKind::started, keycloak);
            return new RunningStack(this, stack, keycloak);
        } catch (RuntimeException e) {
            if (keycloak != null) {
                keycloak.close();
            }
            throw e;
        }
    }

    private static void started(String line) {
        System.out.println("started " + line);
    }
}
