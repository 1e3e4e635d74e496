package com.mobilityha.gateway;

import com.mobilityha.gateway.health.InstanceHealth;
import com.mobilityha.localstack.quality.PackageCycles;
import org.junit.jupiter.api.Test;

/** No package of connect-gateway depends on itself through others: each feature package can be read on its own. */
class PackageCyclesTest {

    @Test
    void packagesAreFreeOfCycles() {
        PackageCycles.assertNone(InstanceHealth.class);
    }
}
