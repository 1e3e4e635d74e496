package com.mobilityha.gateway.testing;

import com.mobilityha.localstack.demo.GlobalResiliencyCompany;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Adds the Global Resiliency company {@code initech} (automatic policy) to the gateway under test, with a
 * traffic distribution watch of one second; only the class annotated with it runs with it (restrictToAnnotatedClass):
 * the other tests count the gateway's instances and companies as they are.
 */
public class GlobalResiliencyCompanyResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        Map<String, String> properties = new HashMap<>(
                GlobalResiliencyCompany.siteProperties("https://m1.initech.example", "https://m2.initech.example"));
        properties.put("gateway.global-resiliency.poll-interval", "1s");
        return properties;
    }

    @Override
    public void stop() {
    }
}
