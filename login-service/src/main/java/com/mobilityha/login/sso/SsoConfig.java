package com.mobilityha.login.sso;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SSO settings of login-service. A company's IdP has one enterprise application (OIDC client and
 * login URL) per Connect instance: {@code login.sso.companies.<code>.instances.<role>.*}.
 */
@ConfigMapping(prefix = "login.sso")
public interface SsoConfig {

    /** How long a started login may be completed. */
    @WithDefault("5M")
    Duration loginTtl();

    /** Bound on each call to an IdP (discovery, token exchange, keys). */
    @WithDefault("5S")
    Duration timeout();

    /**
     * How long a failed discovery of an IdP application is remembered: meanwhile that IdP's logins answer
     * 503 at once (with this {@code Retry-After}), instead of each waiting out {@link #timeout()} again.
     */
    @WithDefault("15S")
    Duration discoveryRetryAfter();

    /**
     * AES key (base64, 16 or 32 bytes) that encrypts IdP refresh tokens at rest; from a secret.
     * Required as soon as one company signs in through SSO.
     */
    Optional<String> refreshTokenKey();

    /**
     * Keys that encrypted refresh tokens before the last rotation (base64, comma-separated), still
     * tried for decryption; drop them once the longest session has expired (12 h).
     */
    Optional<List<String>> previousRefreshTokenKeys();

    /** Company code to its SSO settings. */
    Map<String, CompanySso> companies();

    /** One SSO company. */
    interface CompanySso {
        /** Where the IdP sends the browser back to the app (custom scheme or app link). */
        String redirectUri();

        /** B1: start logins on the instance the gateway sees up, so nobody signs in twice. */
        @WithDefault("true")
        boolean healthAwareLogin();

        /** Instance role to the IdP application of that instance. */
        Map<String, IdpApplication> instances();
    }

    /** The IdP's application (OIDC client) for one Connect instance. */
    interface IdpApplication {
        /** Issuer; its discovery document gives the endpoints and keys. */
        String authServerUrl();

        String clientId();

        Optional<String> clientSecret();

        /**
         * Scopes asked for. Add {@code offline_access} where the IdP grants it, for a refresh token
         * that outlives the IdP's browser session.
         */
        @WithDefault("openid profile")
        String scopes();

        /**
         * The ID-token claim holding the username, which is also the Connect username: one the user cannot
         * change (docs/operations.md, "SSO: which claim names the Connect user"). A token without it is refused.
         */
        @WithDefault("preferred_username")
        String usernameClaim();
    }
}
