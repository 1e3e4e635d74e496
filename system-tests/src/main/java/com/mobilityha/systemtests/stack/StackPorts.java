package com.mobilityha.systemtests.stack;

import com.mobilityha.common.testing.FreePorts;

/**
 * Ports of a local stack. The demo uses fixed, documented ports (so that curl examples work); tests
 * and benchmarks use free ones so that several runs never collide.
 */
public record StackPorts(int redis, int idp, int apns, int simulator, int login, int session, int gateway, int notifier) {

    /** The documented demo ports: services 8081–8084, simulator 8090, IdP 8180, mock APNs 8443, Redis 16379. */
    public static StackPorts demo() {
        return new StackPorts(16379, 8180, 8443, 8090, 8081, 8082, 8083, 8084);
    }

    /** Free loopback ports. */
    public static StackPorts free() {
        return new StackPorts(FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(),
                FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next());
    }
}
