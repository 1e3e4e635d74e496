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

    /**
     * APNs (token authentication). A team's .p8 key signs for all its apps, so one long-lived client
     * per APNs environment serves every app (topic): production for App Store and TestFlight builds,
     * sandbox for development builds, whose device tokens production does not know.
     */
    interface Apns {
        /** The production environment. */
        @WithDefault("api.push.apple.com")
        String host();

        @WithDefault("443")
        int port();

        /** The development environment, for devices registered with {@code environment: SANDBOX}. */
        @WithDefault("api.sandbox.push.apple.com")
        String sandboxHost();

        @WithDefault("443")
        int sandboxPort();

        /** Apple developer team id. */
        String teamId();

        /** Id of the .p8 signing key. */
        String keyId();

        /** Path of the .p8 signing key (PKCS#8 PEM). */
        String signingKey();

        /** CA certificate (PEM) to trust instead of the JDK's, for a local mock server only. */
        Optional<String> trustedServerCertificate();

        /** Bound on notifications in flight, both environments together (flow control toward APNs). */
        @WithDefault("500")
        int maxConcurrentSends();

        /** After this APNs drops an undelivered push: failover pushes are only useful while fresh. */
        @WithDefault("5M")
        Duration expiration();
    }

    /** Consuming the notification stream ({@code RedisKeys.notifications()}). */
    interface Stream {

        @WithDefault("notifier")
        String group();

        /**
         * Entries read per XREADGROUP (up to; a small notification is read as soon as it is there).
         * Fan-outs of thousands cost a quarter less CPU per push at 500 than at 100 (bin/bench P1).
         */
        @WithDefault("500")
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

        /**
         * Dead letters kept ({@code RedisKeys.notificationDeadLetters()}), about: beyond it the oldest are dropped
         * (MAXLEN ~: Redis drops whole nodes of 100 entries, so up to 100 more may stay), so that
         * a push service refusing everything cannot fill Redis.
         */
        @WithDefault("10000")
        long deadLetterLimit();

        /** How often what every consumer group acknowledged is trimmed from the stream (by one notifier of either site). */
        @WithDefault("30S")
        Duration trimEvery();
    }
}
