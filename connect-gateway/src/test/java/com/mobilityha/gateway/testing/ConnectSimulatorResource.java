package com.mobilityha.gateway.testing;

import com.mobilityha.common.testing.FreePorts;
import com.mobilityha.common.testing.ServiceProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.time.Duration;
import java.util.Map;

/** Runs the built connect-simulator as a process and points the gateway's SDK clients at it. */
public class ConnectSimulatorResource implements QuarkusTestResourceLifecycleManager {
    private ServiceProcess simulator;

    @Override
    public Map<String, String> start() {
        simulator = ServiceProcess.start("connect-simulator", ServiceProcess.module("connect-simulator"),
                FreePorts.next(), Map.of()).awaitReady(Duration.ofSeconds(60));
        return Map.of("gateway.connect.endpoint-override", simulator.baseUrl(),
                "simulator.url", simulator.baseUrl());
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
