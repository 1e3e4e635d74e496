package com.mobilityha.gateway.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/**
 * The gateway with the Global Resiliency companies of {@link GlobalResiliencyCompanyResource} besides the global
 * test resources; the test classes of this profile share one application (a resource restricted to its class
 * would build and start one per class).
 */
public class GlobalResiliencyProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(GlobalResiliencyCompanyResource.class));
    }
}
