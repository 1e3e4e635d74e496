package com.mobilityha.notifier.credentials;

import com.mobilityha.localstack.quarkustest.RedisServerResource;
import com.mobilityha.notifier.testing.PushTestSite;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The running notifier exports when the TLS certificate it trusts for APNs expires, and nothing for the .p8 key. */
@QuarkusTest
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(PushTestSite.class)
class CredentialExpiryTest {
    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "notifier.apns.trusted-server-certificate")
    String trustedCertificate;

    @Test
    void theTrustedApnsServerCertificatesExpiryIsOnTheMetrics() throws Exception {
        Gauge expiry = metrics.find("notifier.credential.expiry.timestamp")
                .tags("platform", "APNS", "credential", "trusted-server-certificate").gauge();

        assertNotNull(expiry, "the gauge is registered");
        assertEquals(CertificateExpiry.earliest(Files.readString(Path.of(trustedCertificate))).getEpochSecond(),
                expiry.value());
        assertNull(metrics.find("notifier.credential.expiry.timestamp").tags("credential", "signing-key").gauge(),
                "a .p8 signing key has no expiry to export");
    }
}
