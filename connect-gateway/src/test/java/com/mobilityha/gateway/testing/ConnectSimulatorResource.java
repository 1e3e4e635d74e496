package com.mobilityha.gateway.testing;

import com.mobilityha.localstack.connect.ConnectQuotas;
import com.mobilityha.localstack.process.FreePorts;
import com.mobilityha.localstack.process.ServiceProcess;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.RestAssured;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the built connect-simulator as a process and points the gateway's SDK clients at it; adds
 * the one-instance company {@code solo} (agents on desk phones in the UK, premium rate denied) to
 * the demo company {@code acme} (which may not call +1900).
 */
public class ConnectSimulatorResource implements QuarkusTestResourceLifecycleManager {
    /** The simulator's one-instance company "solo". */
    public static final String SOLO_INSTANCE = "a1b2c3d4-0000-4000-8000-000000000003";
    /** Init argument naming the quota profile; without it, {@link ConnectQuotas#RAISED}. */
    public static final String QUOTAS_ARG = "quotas";

    /**
     * The account's Connect API quotas (the simulator throttles by them, the gateway budgets them):
     * raised unless told, so that tests' bursts are not paced; {@code ConnectBudgetTest} runs AWS's defaults.
     */
    private ConnectQuotas quotas = ConnectQuotas.RAISED;
    private ServiceProcess simulator;

    @Override
    public void init(Map<String, String> initArgs) {
        quotas = new ConnectQuotas(initArgs.getOrDefault(QUOTAS_ARG, ConnectQuotas.RAISED.profile()));
    }

    @Override
    public Map<String, String> start() {
        simulator = ServiceProcess.start("connect-simulator", ServiceProcess.module("connect-simulator"),
                FreePorts.next(), quotas.simulatorProperties()).awaitReady(Duration.ofSeconds(60));
        Map<String, String> properties = new HashMap<>(quotas.gatewayProperties());
        properties.putAll(Map.of("gateway.connect.endpoint-override", simulator.baseUrl(),
                "simulator.url", simulator.baseUrl(),
                "simulator.metrics-url", simulator.managementUrl() + "/q/metrics",
                "mobility.companies.solo.mobility-servers.primary", "https://m1.solo.example",
                "mobility.companies.solo.connect-instances.primary.instance-id", SOLO_INSTANCE,
                "mobility.companies.solo.connect-instances.primary.region", "eu-west-1",
                "mobility.companies.solo.phone-type", "desk-phone",
                "mobility.companies.solo.dialing.allowed-prefixes", "+44",
                "mobility.companies.solo.dialing.denied-prefixes", "+44909",
                "mobility.companies.acme.dialing.denied-prefixes", "+1900"));
        return properties;
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    /**
     * The requests the simulator answered for one instance whose label {@code label} is {@code value} (e.g.
     * {@code operation} SearchUsers, {@code outcome} error), from its metrics at {@code metricsUrl}
     * ({@code simulator.metrics-url}).
     */
    public static double requests(String metricsUrl, String instanceId, String label, String value) {
        Matcher m = Pattern.compile("simulator_requests_total\\{[^}]*instance=\"" + Pattern.quote(instanceId)
                + "\"[^}]*" + label + "=\"" + Pattern.quote(value) + "\"[^}]*} ([0-9.E]+)")
                .matcher(RestAssured.get(metricsUrl).asString());
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }
}
