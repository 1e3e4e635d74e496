package com.mobilityha.gateway.bench;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** P6's other half: the agent's read as deployed, the Connect API budget's token taken in Redis first. */
@QuarkusTest
@TestProfile(ConnectPathBench.Unmetered.class)
@EnabledIfSystemProperty(named = "bench", matches = "P6")
class BudgetedPathBench extends ConnectPathBench {
    static final String HALF = "with the budget's Redis token";

    @Override
    String half() {
        return HALF;
    }

    /** Each call here waits for Redis (~0.5 ms): fewer of them tell its cost as well. */
    @Override
    int noOpCallsPerRound() {
        return 2_000;
    }
}
