package com.mobilityha.notifier.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The end of a Google service-account key: a key file names its key ({@code private_key_id}) and where
 * Google publishes the account's key certificates ({@code client_x509_cert_url}: a JSON object of key id
 * to PEM certificate), whose {@code notAfter} is the key's expiry (year 9999 for a key created without
 * one). The key file itself carries no date.
 */
final class PublishedKeyCertificate {
    private final ObjectMapper mapper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    PublishedKeyCertificate(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The key's expiry; empty when the key file names no certificate URL (e.g. a local test account). */
    Optional<Instant> expiry(Path serviceAccountFile) throws IOException, InterruptedException {
        JsonNode account = mapper.readTree(Files.readString(serviceAccountFile));
        String url = account.path("client_x509_cert_url").asText("");
        if (url.isEmpty()) {
            return Optional.empty();
        }
        String keyId = account.path("private_key_id").asText();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException(url + " answered " + answer.statusCode());
        }
        JsonNode certificate = mapper.readTree(answer.body()).path(keyId);
        if (!certificate.isTextual()) {
            throw new IOException("Google publishes no certificate of key " + keyId + " (deleted?) at " + url);
        }
        return Optional.of(CertificateExpiry.earliest(certificate.asText()));
    }
}
