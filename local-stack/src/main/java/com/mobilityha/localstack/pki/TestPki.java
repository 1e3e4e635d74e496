package com.mobilityha.localstack.pki;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * Throw-away PKI for the local TLS servers (the mock APNs server, redis-server and its Sentinels),
 * generated per run: an EC P-256 CA, a server certificate for localhost/127.0.0.1 signed by it, and
 * an APNs token-signing key (.p8), all as PEM files.
 */
public final class TestPki {
    public static final String TEAM_ID = "TEAM000001";
    public static final String KEY_ID = "KEY0000001";

    private final Path caCertificate;
    private final Path serverCertificate;
    private final Path serverPrivateKey;
    private final Path signingKey;
    private final Path verificationKey;

    private TestPki(Path caCertificate, Path serverCertificate, Path serverPrivateKey, Path signingKey,
                    Path verificationKey) {
        this.caCertificate = caCertificate;
        this.serverCertificate = serverCertificate;
        this.serverPrivateKey = serverPrivateKey;
        this.signingKey = signingKey;
        this.verificationKey = verificationKey;
    }

    /** Generates the keys and certificates into {@code dir}. */
    public static TestPki create(Path dir) {
        try {
            Files.createDirectories(dir);
            KeyPair ca = newKeyPair();
            X509Certificate caCert = certificate("CN=Mobility HA test CA", ca, "CN=Mobility HA test CA", ca, true);
            KeyPair server = newKeyPair();
            X509Certificate serverCert = certificate("CN=localhost", server, "CN=Mobility HA test CA", ca, false);
            KeyPair signing = newKeyPair();
            return new TestPki(
                    write(dir.resolve("ca.pem"), "CERTIFICATE", caCert.getEncoded()),
                    write(dir.resolve("server.pem"), "CERTIFICATE", serverCert.getEncoded()),
                    write(dir.resolve("server-key.pem"), "PRIVATE KEY", server.getPrivate().getEncoded()),
                    write(dir.resolve("AuthKey_" + KEY_ID + ".p8"), "PRIVATE KEY", signing.getPrivate().getEncoded()),
                    write(dir.resolve("AuthKey_" + KEY_ID + ".pub.pem"), "PUBLIC KEY", signing.getPublic().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot generate the test PKI", e);
        }
    }

    /** The CA certificate clients must trust to reach the servers. */
    public Path caCertificate() {
        return caCertificate;
    }

    public Path serverCertificate() {
        return serverCertificate;
    }

    public Path serverPrivateKey() {
        return serverPrivateKey;
    }

    /** The APNs token-signing key (PKCS#8 PEM, as Apple's .p8 files). */
    public Path signingKey() {
        return signingKey;
    }

    /** The public half of the signing key, with which the mock server verifies the notifier's tokens. */
    public Path verificationKey() {
        return verificationKey;
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
                                               boolean ca) throws GeneralSecurityException, IOException,
            OperatorCreationException {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(30))), new X500Name(subject), subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (!ca) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        }
        PrivateKey signer = issuerKeys.getPrivate();
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    }

    private static Path write(Path file, String type, byte[] der) throws IOException {
        String pem = "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
        return Files.writeString(file, pem);
    }
}
