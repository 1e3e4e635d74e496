package com.mobilityha.gateway.testing;

import com.mobilityha.localstack.quarkustest.RedisServerResource;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/**
 * A test profile whose Connect simulator throttles by one of its quota profiles and whose gateway budgets
 * the same quotas; only the resources such tests need (Redis, the admin IdP, the simulator).
 */
public abstract class OnQuotaProfile implements QuarkusTestProfile {
    private final String quotas;

    /** @param quotas the simulator's quota profile ({@code connect-simulator/src/main/resources/quotas}) */
    protected OnQuotaProfile(String quotas) {
        this.quotas = quotas;
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RedisServerResource.class),
                new TestResourceEntry(AdminIdentityResource.class),
                new TestResourceEntry(ConnectSimulatorResource.class, Map.of(ConnectSimulatorResource.QUOTAS_ARG, quotas)));
    }
}
