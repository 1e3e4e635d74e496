package com.mobilityha.notifier.fcm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * A Google service-account key as downloaded from the console: who signs (client email), with what
 * key, at which token endpoint, for which Firebase project. Its private key is never logged.
 */
record ServiceAccount(String clientEmail, PrivateKey privateKey, String tokenUri, String projectId) {

    static ServiceAccount load(Path file, ObjectMapper mapper) {
        try {
            JsonNode json = mapper.readTree(Files.readString(file));
            String pem = json.path("private_key").asText()
                    .replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                    .replaceAll("\\s", "");
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            return new ServiceAccount(json.path("client_email").asText(), key, json.path("token_uri").asText(),
                    json.path("project_id").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the FCM service account " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The FCM service account " + file + " holds no usable RSA key", e);
        }
    }

    @Override
    public String toString() {
        return "ServiceAccount[" + clientEmail + ", project " + projectId + "]";
    }
}
