package com.mobilityha.gateway.testing;

import com.mobilityha.localstack.process.FreePorts;
import com.mobilityha.localstack.process.ServiceProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.time.Duration;
import java.util.Map;

/**
 * Runs the built connect-simulator as a process and points the gateway's SDK clients at it; adds
 * the one-instance company {@code solo} (agents on desk phones) to the demo company {@code acme}.
 */
public class ConnectSimulatorResource implements QuarkusTestResourceLifecycleManager {
    /** The simulator's one-instance company "solo". */
    public static final String SOLO_INSTANCE = "a1b2c3d4-0000-4000-8000-000000000003";
    /**
     * Connect's API quotas in these tests: raised, until the gateway keeps within the account's
     * budget on its own (AWS's defaults throttle the tests' bursts of logins and probes).
     */
    static final String QUOTAS = "raised";

    private ServiceProcess simulator;

    @Override
    public Map<String, String> start() {
        simulator = ServiceProcess.start("connect-simulator", ServiceProcess.module("connect-simulator"),
                FreePorts.next(), Map.of("simulator.quotas.profile", QUOTAS)).awaitReady(Duration.ofSeconds(60));
        return Map.of("gateway.connect.endpoint-override", simulator.baseUrl(),
                "simulator.url", simulator.baseUrl(),
                "mobility.companies.solo.mobility-servers.primary", "https://m1.solo.example",
                "mobility.companies.solo.connect-instances.primary.instance-id", SOLO_INSTANCE,
                "mobility.companies.solo.connect-instances.primary.region", "eu-west-1",
                "mobility.companies.solo.phone-type", "desk-phone");
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
