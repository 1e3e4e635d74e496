package com.mobilityha.common.company;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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
