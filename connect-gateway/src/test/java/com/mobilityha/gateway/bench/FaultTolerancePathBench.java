package com.mobilityha.gateway.bench;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.Map;

/** P6's half that P6's goal is about: the instance guard alone, the Connect API budget off. */
@QuarkusTest
@TestProfile(FaultTolerancePathBench.BudgetOff.class)
@EnabledIfSystemProperty(named = "bench", matches = "P6")
class FaultTolerancePathBench extends ConnectPathBench {
    static final String HALF = "guard";

    /** Unmetered quotas, and no budget taken in Redis. */
    public static class BudgetOff extends Unmetered {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.budget.enabled", "false");
        }
    }

    @Override
    String half() {
        return HALF;
    }
}
