package com.mobilityha.gateway.testing;

import com.mobilityha.localstack.demo.GlobalResiliencyCompany;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link GlobalResiliencyCompanyResource}'s {@code initech}, and two more companies on the same pair of instances
 * under the {@code manual} policy: {@code initrode} with the pair's other traffic distribution group, which is not
 * the default one (Connect refuses a change of its sign-in distribution), and {@code vandelay} with a group that
 * does not exist (any more) in Connect.
 */
public class TrafficShiftCompaniesResource extends GlobalResiliencyCompanyResource {
    public static final String NOT_DEFAULT = "initrode";
    public static final String DELETED_GROUP = "vandelay";
    private static final String CAMPAIGNS_GROUP = GlobalResiliencyCompany.GROUP_ARN.substring(
            0, GlobalResiliencyCompany.GROUP_ARN.length() - 2) + "01";
    private static final String NO_SUCH_GROUP = GlobalResiliencyCompany.GROUP_ARN.substring(
            0, GlobalResiliencyCompany.GROUP_ARN.length() - 2) + "ff";

    @Override
    public Map<String, String> start() {
        Map<String, String> properties = new HashMap<>(super.start());
        manualCompany(properties, NOT_DEFAULT, "Initrode", CAMPAIGNS_GROUP);
        manualCompany(properties, DELETED_GROUP, "Vandelay", NO_SUCH_GROUP);
        return properties;
    }

    private static void manualCompany(Map<String, String> properties, String code, String name, String group) {
        String initech = "mobility.companies." + GlobalResiliencyCompany.CODE + ".";
        GlobalResiliencyCompany.siteProperties("https://m1." + code + ".example", "https://m2." + code + ".example")
                .forEach((key, value) -> properties.put("mobility.companies." + code + "." + key.substring(initech.length()), value));
        properties.put("mobility.companies." + code + ".global-resiliency.traffic-distribution-group", group);
        properties.put("mobility.companies." + code + ".global-resiliency.policy", "manual");
        properties.put("mobility.companies." + code + ".name", name);
    }
}
