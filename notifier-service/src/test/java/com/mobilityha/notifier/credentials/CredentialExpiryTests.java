package com.mobilityha.notifier.credentials;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Expiry of certificates and of a service-account key as Google publishes it, and the gauge the alert reads. */
class CredentialExpiryTests {
    private static final Instant SOON = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    private static final Instant LATER = SOON.plus(300, ChronoUnit.DAYS);

    private final ObjectMapper mapper = new ObjectMapper();
    private HttpServer google;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (google != null) {
            google.stop(0);
        }
    }

    @Test
    void aChainExpiresWithItsEarliestCertificate() throws Exception {
        assertEquals(SOON, CertificateExpiry.earliest(certificate(LATER) + certificate(SOON)));
    }

    @Test
    void theServiceAccountKeyExpiresWhenItsPublishedCertificateDoes() throws Exception {
        String url = publish(Map.of("other-key", certificate(LATER), "key-1", certificate(SOON)));
        Path account = serviceAccount(Map.of("private_key_id", "key-1", "client_x509_cert_url", url));

        assertEquals(Optional.of(SOON), new PublishedKeyCertificate(mapper).expiry(account));
    }

    @Test
    void aKeyGoogleNoLongerPublishesIsAnError() throws Exception {
        String url = publish(Map.of("other-key", certificate(LATER)));
        Path account = serviceAccount(Map.of("private_key_id", "key-1", "client_x509_cert_url", url));

        assertThrows(IOException.class, () -> new PublishedKeyCertificate(mapper).expiry(account));
    }

    @Test
    void aKeyFileWithoutCertificateUrlHasNoKnownExpiry() throws Exception {
        Path account = serviceAccount(Map.of("private_key_id", "key-1"));

        assertEquals(Optional.empty(), new PublishedKeyCertificate(mapper).expiry(account));
    }

    @Test
    void theGaugeIsExportedInUnixSecondsUnderThePrometheusNameTheAlertReads() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

        new CredentialExpiryGauges(registry).expires("FCM", "service-account-key", Instant.ofEpochSecond(1_900_000_000L));

        assertThat(registry.scrape(), containsString(
                "notifier_credential_expiry_timestamp_seconds{credential=\"service-account-key\",platform=\"FCM\",} 1.9E9"));
    }

    private String publish(Map<String, String> certificates) throws IOException {
        byte[] body = mapper.writeValueAsBytes(certificates);
        google = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        google.createContext("/robot/v1/metadata/x509/notifier", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        google.start();
        return "http://127.0.0.1:" + google.getAddress().getPort() + "/robot/v1/metadata/x509/notifier";
    }

    private Path serviceAccount(Map<String, String> fields) throws IOException {
        return Files.write(dir.resolve("service-account.json"), mapper.writeValueAsBytes(fields));
    }

    private static String certificate(Instant notAfter) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=notifier");
        byte[] der = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(Instant.now().minusSeconds(60)),
                Date.from(notAfter), name, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())).getEncoded();
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END CERTIFICATE-----\n";
    }
}
