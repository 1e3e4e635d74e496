package com.mobilityha.gateway.budget;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The spendable rate of each operation spent, under the Prometheus name the budget alert divides by. */
class SpendableRateGaugesTests {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SpendableRateGauges rates = new SpendableRateGauges(registry,
            Map.of("PutUserStatus", 1.8, "DescribeInstance", 18.0)::get);

    @Test
    void anOperationSpentExportsItsSpendableRateOnce() {
        assertThat(registry.scrape(), not(containsString("mobility_connect_budget_rate")));

        rates.spent("PutUserStatus");
        rates.spent("PutUserStatus");
        rates.spent("DescribeInstance");

        String scraped = registry.scrape();
        assertThat(scraped, containsString("mobility_connect_budget_rate{operation=\"PutUserStatus\",} 1.8"));
        assertThat(scraped, containsString("mobility_connect_budget_rate{operation=\"DescribeInstance\",} 18.0"));
        assertEquals(2, registry.find("mobility.connect.budget.rate").gauges().size());
    }
}
