package com.mobilityha.common.company;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A company's instances as an Amazon Connect Global Resiliency pair, read from configuration as the
 * services read it at start: a valid pair, independent instances as before, and each invalid
 * setting refused with a message naming it.
 */
class GlobalResiliencyConfigTests {
    private static final String PREFIX = "mobility.companies.initech.";
    private static final String GROUP = "arn:aws:connect:us-east-1:123456789012:traffic-distribution-group/"
            + "7d1f0b6e-5c2a-4e3b-9a41-0c8d2e6f1a00";

    @Test
    void aPairNamesItsSourceReplicaGroupAndPolicy() {
        Company company = directory(pair(Map.of(PREFIX + "global-resiliency.policy", "automatic"))).require("initech");
        GlobalResiliency acgr = company.globalResiliency().orElseThrow();
        assertEquals("a1b2c3d4-0000-4000-8000-000000000004", acgr.source().instanceId());
        assertEquals("us-east-1", acgr.source().region());
        assertEquals("a1b2c3d4-0000-4000-8000-000000000005", acgr.replica().instanceId());
        assertEquals("us-west-2", acgr.replica().region());
        assertEquals(GROUP, acgr.trafficDistributionGroup());
        assertEquals(GlobalResiliencyPolicy.AUTOMATIC, acgr.policy());
    }

    @Test
    void thePolicyIsManualUnlessSaid() {
        assertEquals(GlobalResiliencyPolicy.MANUAL,
                directory(pair(Map.of())).require("initech").globalResiliency().orElseThrow().policy());
    }

    @Test
    void independentInstancesStayIndependent() {
        Company company = directory(instances()).require("initech");
        assertTrue(company.globalResiliency().isEmpty());
        assertEquals(2, company.connectInstances().size());
    }

    @Test
    void aReplicaThatIsTheSourceIsRefused() {
        assertRefused(Map.of(PREFIX + "global-resiliency.replica", "primary"), PREFIX + "global-resiliency.replica");
    }

    @Test
    void anInstanceRoleTheCompanyDoesNotHaveIsRefused() {
        assertRefused(Map.of(PREFIX + "global-resiliency.source", "tertiary"), PREFIX + "global-resiliency.source");
    }

    @Test
    void aReplicaInTheSourcesRegionIsRefused() {
        assertRefused(Map.of(PREFIX + "connect-instances.secondary.region", "us-east-1"), PREFIX + "global-resiliency.replica");
    }

    @Test
    void aMissingGroupIsRefused() {
        Map<String, String> properties = pair(Map.of());
        properties.remove(PREFIX + "global-resiliency.traffic-distribution-group");
        assertStartFails(properties, PREFIX + "global-resiliency.traffic-distribution-group");
    }

    @Test
    void aGroupThatIsNotAnArnIsRefused() {
        assertRefused(Map.of(PREFIX + "global-resiliency.traffic-distribution-group", "7d1f0b6e-5c2a-4e3b-9a41-0c8d2e6f1a00"),
                PREFIX + "global-resiliency.traffic-distribution-group");
    }

    @Test
    void aGroupOutsideTheSourcesRegionIsRefused() {
        assertRefused(Map.of(PREFIX + "global-resiliency.traffic-distribution-group", GROUP.replace("us-east-1", "us-west-2")),
                PREFIX + "global-resiliency.traffic-distribution-group");
    }

    @Test
    void anUnknownPolicyIsRefused() {
        assertStartFails(pair(Map.of(PREFIX + "global-resiliency.policy", "sometimes")), PREFIX + "global-resiliency.policy");
    }

    private static void assertRefused(Map<String, String> overrides, String setting) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> directory(pair(overrides)));
        assertTrue(refused.getMessage().startsWith(setting), refused.getMessage());
    }

    /** The configuration itself cannot be read (missing or unconvertible setting): SmallRye's message names it. */
    private static void assertStartFails(Map<String, String> properties, String setting) {
        RuntimeException refused = assertThrows(RuntimeException.class, () -> directory(properties));
        assertTrue(String.valueOf(refused.getMessage()).contains(setting), refused.getMessage());
    }

    private static Map<String, String> instances() {
        Map<String, String> properties = new HashMap<>();
        properties.put(PREFIX + "mobility-servers.primary", "https://m1.example.com");
        properties.put(PREFIX + "connect-instances.primary.instance-id", "a1b2c3d4-0000-4000-8000-000000000004");
        properties.put(PREFIX + "connect-instances.primary.region", "us-east-1");
        properties.put(PREFIX + "connect-instances.secondary.instance-id", "a1b2c3d4-0000-4000-8000-000000000005");
        properties.put(PREFIX + "connect-instances.secondary.region", "us-west-2");
        return properties;
    }

    private static Map<String, String> pair(Map<String, String> overrides) {
        Map<String, String> properties = instances();
        properties.put(PREFIX + "global-resiliency.source", "primary");
        properties.put(PREFIX + "global-resiliency.replica", "secondary");
        properties.put(PREFIX + "global-resiliency.traffic-distribution-group", GROUP);
        properties.putAll(overrides);
        return properties;
    }

    private static CompanyDirectory directory(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withMapping(CompaniesConfig.class)
                // as in the services: durations such as the reachability watch's "60s"
                .withConverter(Duration.class, 100, new DurationConverter())
                .build();
        return new CompanyDirectory(config.getConfigMapping(CompaniesConfig.class));
    }
}
