package com.mobilityha.gateway.testing;

import com.mobilityha.localstack.demo.GlobalResiliencyCompany;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link GlobalResiliencyCompanyResource}'s {@code initech}, and {@code initrode}: the same pair of instances
 * under the {@code manual} policy with the pair's other traffic distribution group, which is not the default one
 * (Connect refuses a change of its sign-in distribution).
 */
public class TrafficShiftCompaniesResource extends GlobalResiliencyCompanyResource {
    public static final String NOT_DEFAULT = "initrode";
    private static final String CAMPAIGNS_GROUP = GlobalResiliencyCompany.GROUP_ARN.substring(
            0, GlobalResiliencyCompany.GROUP_ARN.length() - 2) + "01";

    @Override
    public Map<String, String> start() {
        Map<String, String> properties = new HashMap<>(super.start());
        String initech = "mobility.companies." + GlobalResiliencyCompany.CODE + ".";
        GlobalResiliencyCompany.siteProperties("https://m1.initrode.example", "https://m2.initrode.example")
                .forEach((key, value) -> properties.put("mobility.companies." + NOT_DEFAULT + "." + key.substring(initech.length()), value));
        properties.put("mobility.companies." + NOT_DEFAULT + ".global-resiliency.traffic-distribution-group", CAMPAIGNS_GROUP);
        properties.put("mobility.companies." + NOT_DEFAULT + ".global-resiliency.policy", "manual");
        properties.put("mobility.companies." + NOT_DEFAULT + ".name", "Initrode");
        return properties;
    }
}
