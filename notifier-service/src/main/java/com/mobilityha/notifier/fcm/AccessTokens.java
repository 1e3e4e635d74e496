package com.mobilityha.notifier.fcm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * OAuth2 access tokens for FCM by the JWT bearer grant (RFC 7523) of a service account: an RS256
 * assertion {@code iss=client_email, scope=firebase.messaging, aud=token_uri}, exchanged at the
 * token endpoint; the token is reused until five minutes before it expires.
 */
final class AccessTokens {
    private static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    private static final Duration EARLY = Duration.ofMinutes(5);

    private final ServiceAccount account;
    private final ObjectMapper mapper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Clock clock = Clock.systemUTC();
    private String token;
    private Instant refreshAt = Instant.MIN;
    private volatile String lastFailure;

    AccessTokens(ServiceAccount account, ObjectMapper mapper) {
        this.account = account;
        this.mapper = mapper;
    }

    /** A valid access token, fetched when there is none or it is about to expire. */
    synchronized String current() {
        if (token == null || !clock.instant().isBefore(refreshAt)) {
            try {
                fetch();
                lastFailure = null;
            } catch (RuntimeException e) {
                lastFailure = e.getMessage();
                throw e;
            }
        }
        return token;
    }

    /** Why the last token exchange failed, or null when it succeeded (or none was needed yet). */
    String lastFailure() {
        return lastFailure;
    }

    /** FCM refused the token (401): the next call fetches a new one. */
    synchronized void invalidate() {
        token = null;
    }

    private void fetch() {
        String form = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&assertion=" + assertion();
        HttpRequest request = HttpRequest.newBuilder(URI.create(account.tokenUri())).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("The FCM token endpoint answered " + response.statusCode());
            }
            JsonNode json = mapper.readTree(response.body());
            token = json.path("access_token").asText();
            refreshAt = clock.instant().plusSeconds(json.path("expires_in").asLong(3600)).minus(EARLY);
        } catch (IOException e) {
            throw new IllegalStateException("The FCM token endpoint is unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while fetching an FCM access token", e);
        }
    }

    private String assertion() {
        long now = clock.instant().getEpochSecond();
        String header = base64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String claims = base64("{\"iss\":\"" + account.clientEmail() + "\",\"scope\":\"" + SCOPE + "\",\"aud\":\""
                + account.tokenUri() + "\",\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}");
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(account.privateKey());
            rsa.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign the FCM token request", e);
        }
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
