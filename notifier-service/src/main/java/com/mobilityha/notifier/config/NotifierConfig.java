package com.mobilityha.notifier.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Notifier settings. APNs credentials come from a mounted secret in production, never from the repository. */
@ConfigMapping(prefix = "notifier")
public interface NotifierConfig {

    Apns apns();

    Stream stream();

    Fcm fcm();

    /**
     * Firebase Cloud Messaging, HTTP v1 API, authenticated with a service account's OAuth2 access
     * tokens. Without a service account FCM registrations are refused.
     */
    interface Fcm {
        /** The service-account key file (JSON: client_email, private_key, token_uri, project_id). */
        Optional<String> serviceAccountFile();

        /** The API root; {@code https://fcm.googleapis.com} in production, a local endpoint in tests. */
        @WithDefault("https://fcm.googleapis.com")
        String endpoint();

        /** Sends in flight at most. */
        @WithDefault("200")
        int maxConcurrentSends();

        /** How long FCM keeps a message for an offline device. */
        @WithDefault("300S")
        Duration ttl();
    }

    /** APNs (token authentication). */
    interface Apns {
        /** api.push.apple.com in production, api.sandbox.push.apple.com for development builds of the app. */
        @WithDefault("api.push.apple.com")
        String host();

        @WithDefault("443")
        int port();

        /** Apple developer team id. */
        String teamId();

        /** Id of the .p8 signing key. */
        String keyId();

        /** Path of the .p8 signing key (PKCS#8 PEM). */
        String signingKey();

        /** CA certificate (PEM) to trust instead of the JDK's, for a local mock server only. */
        Optional<String> trustedServerCertificate();

        /** Bound on notifications in flight (flow control toward APNs). */
        @WithDefault("500")
        int maxConcurrentSends();

        /** After this APNs drops an undelivered push: failover pushes are only useful while fresh. */
        @WithDefault("5M")
        Duration expiration();
    }

    /** Consuming the notification stream ({@code NotificationPublisher.STREAM}). */
    interface Stream {
        @WithDefault("mha:notifications:dead")
        String deadLetterKey();

        @WithDefault("notifier")
        String group();

        /** Entries read per XREADGROUP. */
        @WithDefault("100")
        int batchSize();

        /** How long one XREADGROUP blocks waiting for entries. */
        @WithDefault("2S")
        Duration block();

        /** A pending entry idle this long (its consumer died or failed) is claimed by another consumer. */
        @WithDefault("30S")
        Duration claimIdle();

        /** Deliveries before an entry goes to the dead-letter stream. */
        @WithDefault("5")
        int maxDeliveries();
    }
}
