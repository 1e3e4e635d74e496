package com.mobilityha.systemtests.stack;

import com.mobilityha.localstack.process.FreePorts;

/**
 * Ports of a local stack: the parts both sites share, and each site's. The demo uses fixed,
 * documented ports (so that curl examples work); tests and benchmarks use free ones so that several
 * runs never collide.
 */
public record StackPorts(int redis, int idp, int apns, int simulator, SitePorts primary, SitePorts secondary) {

    /**
     * The documented demo ports: site primary on 8080 (its services 8081–8084), site secondary on 9080
     * (9081–9084), simulator 8090, IdP 8180, mock APNs 8443, Redis 16379 (one site; two sites run
     * Redis with Sentinels on free ports).
     */
    public static StackPorts demo() {
        return new StackPorts(16379, 8180, 8443, 8090, new SitePorts(8080, 8081, 8082, 8083, 8084),
                new SitePorts(9080, 9081, 9082, 9083, 9084));
    }

    /** Free loopback ports. */
    public static StackPorts free() {
        return new StackPorts(FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(), SitePorts.free(),
                SitePorts.free());
    }

    /** The ports of the site of this role. */
    public SitePorts site(String role) {
        return "primary".equals(role) ? primary : secondary;
    }

    /** One site: its public edge (what the app is given) and its four services. */
    public record SitePorts(int edge, int login, int session, int gateway, int notifier) {
        static SitePorts free() {
            return new SitePorts(FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next());
        }
    }
}
