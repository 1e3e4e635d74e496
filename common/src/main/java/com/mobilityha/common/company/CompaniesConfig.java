package com.mobilityha.common.company;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The companies served by this deployment, e.g.
 * {@code mobility.companies.acme.mobility-servers.primary=https://m1.example.com} and
 * {@code mobility.companies.acme.connect-instances.primary.instance-id=...}. Roles are
 * {@code primary} and {@code secondary}.
 */
@ConfigMapping(prefix = "mobility")
public interface CompaniesConfig {
    /** The reference app's id (APNs topic, FCM application id): the apps a company allows unless configured. */
    String REFERENCE_APP_ID = "com.mobilityha.demo";

    /** Company code to its configuration. */
    Map<String, CompanyConfig> companies();

    /** One company (tenant). */
    interface CompanyConfig {
        /** Display name. */
        Optional<String> name();

        /** True when agents log in through the company's IdP (OIDC code flow), false for directory login. */
        @WithDefault("false")
        boolean sso();

        /** Site role to the site's public base URL. */
        Map<String, String> mobilityServers();

        /** Instance role to the Connect instance. */
        Map<String, InstanceConfig> connectInstances();

        /** The company's OIDC directory used for non-SSO (password grant) logins. */
        Optional<DirectoryConfig> directory();

        /** Fail-back to the primary instance once it is back: {@code manual} or {@code when-idle}. */
        @WithDefault("manual")
        FailbackPolicy failbackPolicy();

        /** How agents take calls: {@code soft-phone} (media in the app) or {@code desk-phone} (their mobile rings). */
        @WithDefault("soft-phone")
        PhoneType phoneType();

        /**
         * The apps (APNs topic, i.e. bundle id; FCM application id) whose devices may register for the
         * company's pushes: a stolen session token must not point them at another app.
         */
        @WithDefault(REFERENCE_APP_ID)
        List<String> allowedApps();

        /** Which numbers agents may call and give as their desk phone (premium-rate fraud). */
        DialingConfig dialing();

        /**
         * Present when the company's two instances are an Amazon Connect Global Resiliency pair (a
         * source instance and its replica in the paired Region, linked by a traffic distribution
         * group) rather than two independent instances.
         */
        Optional<GlobalResiliencyConfig> globalResiliency();

        /** B8: what the reachability watchdog does for an Available agent whose phone falls silent. */
        ReachabilityConfig reachability();
    }

    /**
     * An Amazon Connect Global Resiliency pair among the company's {@code connect-instances}, e.g.
     * {@code global-resiliency.source=primary}, {@code global-resiliency.replica=secondary},
     * {@code global-resiliency.traffic-distribution-group=arn:aws:connect:us-east-1:…:traffic-distribution-group/…}.
     */
    interface GlobalResiliencyConfig {
        /** The role (under {@code connect-instances}) of the source instance, where the group was created. */
        String source();

        /** The role of its replica (ReplicateInstance) in the paired Region. */
        String replica();

        /**
         * The ARN of the pair's traffic distribution group: the ARN, not the id, because the replica's
         * Region accepts only the ARN (the one Region left when the source's is down).
         */
        String trafficDistributionGroup();

        /** Who shifts the traffic when the source's Region fails: {@code manual} (an administrator) or {@code automatic}. */
        @WithDefault("manual")
        GlobalResiliencyPolicy policy();
    }

    /**
     * B8: the company's reachability watchdog. Its app checks in every {@code check-in-every}; a phone silent
     * (no check-in, no acknowledged push) for {@code wake-after} gets a WAKE, and one still silent after
     * {@code unreachable-after} has its Available agent set to {@code unreachable-status} in Connect.
     */
    interface ReachabilityConfig {
        /**
         * The Connect agent status (not routable, never Offline, so that reporting shows why) an agent
         * whose phone stays silent is set to, e.g. {@code Unreachable}; absent: the company is not watched.
         */
        Optional<String> unreachableStatus();

        /** How often the company's app checks in while it runs (told to it at each check-in). */
        @WithDefault("60s")
        Duration checkInEvery();

        /** Silence after which the phone gets a WAKE (background push). */
        @WithDefault("2m")
        Duration wakeAfter();

        /** Silence after which the agent is made non-routable, if still Available and not on a contact. */
        @WithDefault("3m")
        Duration unreachableAfter();

        /**
         * Whether a phone that comes back makes its agent Available again by itself; by default the agent
         * is only offered it (the app asks), so nobody is routed calls without choosing to be.
         */
        @WithDefault("false")
        boolean availableOnReturn();
    }

    /**
     * E.164 prefixes ({@code +} and digits, e.g. {@code +1900}) of the numbers agents may dial: a
     * denied prefix always wins; allowed prefixes, when set, are the only ones that may be dialled.
     */
    interface DialingConfig {
        /** The only prefixes that may be dialled; absent: every number that is not denied. */
        Optional<List<String>> allowedPrefixes();

        /** Prefixes that may never be dialled, e.g. premium-rate ranges. */
        Optional<List<String>> deniedPrefixes();
    }

    /** An Amazon Connect instance. */
    interface InstanceConfig {
        String instanceId();

        @WithDefault("us-east-1")
        String region();
    }

    /** An OIDC provider that checks usernames and passwords (resource owner password grant). */
    interface DirectoryConfig {
        /** Issuer / auth-server URL; its discovery document gives the token endpoint. */
        String authServerUrl();

        String clientId();

        Optional<String> clientSecret();
    }
}
