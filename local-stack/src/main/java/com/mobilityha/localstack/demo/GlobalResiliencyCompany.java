package com.mobilityha.localstack.demo;

import com.mobilityha.common.session.SessionRecord.InstanceRef;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The company {@code initech}, whose two Connect instances are an Amazon Connect Global Resiliency pair
 * (B3): the simulator's seeded source instance in us-east-1, its replica in us-west-2 (the same users,
 * by username) and their default traffic distribution group, failed over automatically. Its agents are
 * the simulator's alice, bob, carol and the generated {@code agent0001} …
 */
public final class GlobalResiliencyCompany {
    public static final String CODE = "initech";
    /** The source instance (role {@code primary}). */
    public static final InstanceRef SOURCE = new InstanceRef("primary", "a1b2c3d4-0000-4000-8000-000000000004", "us-east-1");
    /** Its replica (role {@code secondary}). */
    public static final InstanceRef REPLICA = new InstanceRef("secondary", "a1b2c3d4-0000-4000-8000-000000000005", "us-west-2");
    /** The default traffic distribution group's id and ARN (in the source's Region). */
    public static final String GROUP_ID = "7d1f0b6e-5c2a-4e3b-9a41-0c8d2e6f1a00";
    public static final String GROUP_ARN = "arn:aws:connect:us-east-1:123456789012:traffic-distribution-group/" + GROUP_ID;

    private GlobalResiliencyCompany() {
    }

    /** initech's {@code mobility.companies.initech.*} settings for a deployment whose sites the app reaches at these URLs. */
    public static Map<String, String> siteProperties(String primaryServer, String secondaryServer) {
        String prefix = "mobility.companies." + CODE + ".";
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(prefix + "name", "Initech");
        settings.put(prefix + "sso", "false");
        settings.put(prefix + "mobility-servers.primary", primaryServer);
        settings.put(prefix + "mobility-servers.secondary", secondaryServer);
        for (InstanceRef instance : new InstanceRef[]{SOURCE, REPLICA}) {
            settings.put(prefix + "connect-instances." + instance.role() + ".instance-id", instance.instanceId());
            settings.put(prefix + "connect-instances." + instance.role() + ".region", instance.region());
        }
        settings.put(prefix + "global-resiliency.source", SOURCE.role());
        settings.put(prefix + "global-resiliency.replica", REPLICA.role());
        settings.put(prefix + "global-resiliency.traffic-distribution-group", GROUP_ARN);
        settings.put(prefix + "global-resiliency.policy", "automatic");
        return settings;
    }
}
