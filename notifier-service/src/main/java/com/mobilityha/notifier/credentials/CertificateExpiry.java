package com.mobilityha.notifier.credentials;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Comparator;

/** The end of validity of PEM certificates. */
final class CertificateExpiry {

    private CertificateExpiry() {
    }

    /** The earliest {@code notAfter} of the certificates in a PEM text (a chain expires with its first link). */
    static Instant earliest(String pem) {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).stream()
                    .map(certificate -> ((X509Certificate) certificate).getNotAfter().toInstant())
                    .min(Comparator.naturalOrder())
                    .orElseThrow(() -> new IllegalArgumentException("No certificate in the PEM text"));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("Not a PEM certificate: " + e.getMessage(), e);
        }
    }
}
