package com.mobilityha.gateway.health;

import com.mobilityha.gateway.testing.ConnectSimulatorResource;
import com.mobilityha.localstack.quarkustest.RedisServerResource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static com.mobilityha.localstack.demo.DemoCompany.PRIMARY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The running gateway registers the early-warning gauges of each instance it watches, at 0 while all is well. */
@QuarkusTest
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(ConnectSimulatorResource.class)
class InstanceWarningGaugesTest {
    @Inject
    MeterRegistry metrics;

    @Test
    void aHealthyInstanceIsNeitherDegradedNorBehindAnOpenBreaker() {
        for (String gauge : new String[] {"mobility.connect.instance.degraded", "mobility.connect.breaker.open"}) {
            Gauge primary = metrics.find(gauge).tags("instance_id", PRIMARY.instanceId(), "instance_role", PRIMARY.role())
                    .gauge();
            assertNotNull(primary, gauge + " is registered for the primary instance");
            assertEquals(0, primary.value(), gauge);
        }
    }
}
