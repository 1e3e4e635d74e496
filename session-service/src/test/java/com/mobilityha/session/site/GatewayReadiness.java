package com.mobilityha.session.site;

import com.mobilityha.localstack.process.ReadinessStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** The site's connect-gateway Service's readiness, which the site's heartbeat checks: ready unless a test says not. */
public class GatewayReadiness implements QuarkusTestResourceLifecycleManager {
    private static volatile ReadinessStandIn standIn;

    /** Whether the site's gateways are ready. */
    public static void ready(boolean ready) {
        standIn.ready(ready);
    }

    @Override
    public Map<String, String> start() {
        standIn = ReadinessStandIn.start();
        return Map.of("session.site.gateway-ready-url", standIn.url());
    }

    @Override
    public void stop() {
        standIn.close();
    }
}
