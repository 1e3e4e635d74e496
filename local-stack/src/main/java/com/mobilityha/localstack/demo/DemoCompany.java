package com.mobilityha.localstack.demo;

import com.mobilityha.common.session.SessionRecord.InstanceRef;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo company {@code acme}, defined here once: its Connect instances, agents and directory.
 * The local stack configures the services with {@link #siteProperties}; the copies that must stay
 * files (the {@code %dev}/{@code %test} profiles in common, login-service's {@code %dev} directory,
 * the k8s overlays' companies.properties, the simulator's seed.json) are checked against it by
 * local-stack's {@code DemoCompanyCopiesTest}. Also the problem type base URI the app relies on,
 * spelled out so that a change to it fails the tests.
 */
public final class DemoCompany {
    /** The company code agents type at login. */
    public static final String CODE = "acme";
    public static final String NAME = "Acme Corp";
    /** acme's primary Amazon Connect instance. */
    public static final InstanceRef PRIMARY = new InstanceRef("primary", "a1b2c3d4-0000-4000-8000-000000000001", "us-east-1");
    /** acme's secondary Amazon Connect instance. */
    public static final InstanceRef SECONDARY = new InstanceRef("secondary", "a1b2c3d4-0000-4000-8000-000000000002", "us-west-2");
    /** The named agents, users of both instances and of the directory. */
    public static final List<String> AGENTS = List.of("alice", "bob", "carol", "dave");
    /** Further agents {@code agent0001} … on both instances and in the directory, for load. */
    public static final String GENERATED_AGENT_PREFIX = "agent";
    public static final int GENERATED_AGENTS = 10_000;
    /** Every agent's directory password. */
    public static final String PASSWORD = "demo-password";
    /** The mobility server's application at acme's directory (IdP). */
    public static final String DIRECTORY_CLIENT_ID = "mobility-login";
    public static final String DIRECTORY_CLIENT_SECRET = "dev-only-secret";
    /** Premium-rate prefixes acme's agents may neither dial nor give as their desk phone. */
    public static final String DENIED_PREFIXES = "+1900,+44909";
    /** The non-routable Connect status (seeded in the simulator) the reachability watchdog sets (B8). */
    public static final String UNREACHABLE_STATUS = "Unreachable";
    /** Base of every problem {@code type}. */
    public static final String PROBLEMS = "https://mobility-ha.example/problems/";

    private DemoCompany() {
    }

    /** Both instances, primary first. */
    public static List<InstanceRef> instances() {
        return List.of(PRIMARY, SECONDARY);
    }

    /** The name of the n-th generated agent (from 1). */
    public static String generatedAgent(int n) {
        return String.format("%s%04d", GENERATED_AGENT_PREFIX, n);
    }

    /**
     * What every environment agrees on, as {@code mobility.companies.acme.*} settings without the
     * prefix: name, no SSO, fail-back when idle, agents whose phone falls silent set to {@link #UNREACHABLE_STATUS}
     * (B8), the two Connect instances.
     */
    public static Map<String, String> identity() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("name", NAME);
        settings.put("sso", "false");
        settings.put("failback-policy", "when-idle");
        settings.put("reachability.unreachable-status", UNREACHABLE_STATUS);
        for (InstanceRef instance : instances()) {
            settings.put("connect-instances." + instance.role() + ".instance-id", instance.instanceId());
            settings.put("connect-instances." + instance.role() + ".region", instance.region());
        }
        return settings;
    }

    /**
     * acme's complete {@code mobility.companies.acme.*} settings for a deployment whose sites the app
     * reaches at these URLs and whose directory is this OIDC issuer, as a site overlay's
     * companies.properties defines them (its apps: the default, the reference app).
     */
    public static Map<String, String> siteProperties(String primaryServer, String secondaryServer, String directoryUrl) {
        Map<String, String> settings = new LinkedHashMap<>();
        identity().forEach((key, value) -> settings.put(prefix() + key, value));
        settings.put(prefix() + "phone-type", "desk-phone");
        settings.put(prefix() + "dialing.denied-prefixes", DENIED_PREFIXES);
        settings.put(prefix() + "mobility-servers.primary", primaryServer);
        settings.put(prefix() + "mobility-servers.secondary", secondaryServer);
        settings.put(prefix() + "directory.auth-server-url", directoryUrl);
        settings.put(prefix() + "directory.client-id", DIRECTORY_CLIENT_ID);
        settings.put(prefix() + "directory.client-secret", DIRECTORY_CLIENT_SECRET);
        return settings;
    }

    /** The prefix of acme's settings: {@code mobility.companies.acme.}. */
    public static String prefix() {
        return "mobility.companies." + CODE + ".";
    }
}
