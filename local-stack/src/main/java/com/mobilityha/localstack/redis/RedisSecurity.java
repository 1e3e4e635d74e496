package com.mobilityha.localstack.redis;

import com.mobilityha.localstack.pki.TestPki;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local Redis servers and Sentinels are secured as production's: TLS only, with a certificate of
 * the run's {@link TestPki}, and the ACL users production loads ({@code k8s/redis/users.acl} on the
 * nodes, {@code sentinel-users.acl} on the Sentinels), each with a random password made for this JVM.
 * One per JVM, so that every server a test or the demo starts trusts the same CA and knows the same
 * passwords, and a client needs no more than a user name to reach any of them.
 */
public final class RedisSecurity {
    /** Operators' user: redis-cli of the tests and the demo. */
    public static final String ADMIN = "admin";
    /** redis_exporter's user. */
    public static final String EXPORTER = "exporter";
    static final String REPLICATION = "replication";
    static final String SENTINEL = "sentinel";
    private static final String NO_LOGIN = "default";
    private static final RedisSecurity LOCAL = create();

    private final TestPki pki;
    private final List<String> nodeUsers;
    private final List<String> sentinelUsers;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    private RedisSecurity(TestPki pki, List<String> nodeUsers, List<String> sentinelUsers) {
        this.pki = pki;
        this.nodeUsers = nodeUsers;
        this.sentinelUsers = sentinelUsers;
    }

    /** This JVM's. */
    public static RedisSecurity local() {
        return LOCAL;
    }

    /** The CA certificate that signed every local Redis server's and Sentinel's certificate. */
    public Path caCertificate() {
        return pki.caCertificate();
    }

    /** The password of an ACL user (made on first use). */
    public String password(String user) {
        return passwords.computeIfAbsent(user, u -> {
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        });
    }

    /**
     * What a service needs to reach Redis as its own ACL user ({@code mobility.redis.user}, its
     * application name): its password and the CA to trust ({@code rediss://} hosts verified by name).
     */
    public Map<String, String> serviceProperties(String service) {
        return Map.of("mobility.redis.password", password(service),
                "quarkus.redis.tls-configuration-name", "redis",
                "quarkus.tls.redis.trust-store.pem.certs", caCertificate().toString(),
                "quarkus.tls.redis.hostname-verification-algorithm", "HTTPS");
    }

    /** redis-cli's arguments to reach a local server over TLS, without logging in. */
    public List<String> tlsCliArguments() {
        return List.of("--tls", "--cacert", caCertificate().toString(), "--no-auth-warning");
    }

    /** redis-cli's arguments to reach a local server as {@code user}. */
    public List<String> cliArguments(String user) {
        List<String> arguments = new ArrayList<>(tlsCliArguments());
        arguments.addAll(List.of("--user", user, "--pass", password(user)));
        return arguments;
    }

    /** The configuration lines of a redis-server on {@code port}: TLS only, the node users, replication as its user. */
    List<String> nodeConfiguration(int port) {
        List<String> lines = new ArrayList<>(tls(port));
        lines.add("masteruser " + REPLICATION);
        lines.add("masterauth " + password(REPLICATION));
        lines.addAll(withPasswords(nodeUsers));
        return lines;
    }

    /** The configuration lines of a redis-sentinel on {@code port}: TLS only, the Sentinel users. */
    List<String> sentinelConfiguration(int port) {
        List<String> lines = new ArrayList<>(tls(port));
        lines.addAll(withPasswords(sentinelUsers));
        return lines;
    }

    /** The Sentinel's own credentials towards the nodes and the other Sentinels (after its monitor line). */
    List<String> sentinelCredentials(String masterName) {
        return List.of("sentinel auth-user " + masterName + " " + SENTINEL,
                "sentinel auth-pass " + masterName + " " + password(SENTINEL),
                "sentinel sentinel-user " + SENTINEL,
                "sentinel sentinel-pass " + password(SENTINEL));
    }

    private List<String> tls(int port) {
        return List.of("port 0",
                "tls-port " + port,
                "tls-cert-file " + pki.serverCertificate(),
                "tls-key-file " + pki.serverPrivateKey(),
                "tls-ca-cert-file " + pki.caCertificate(),
                // clients prove who they are with their ACL user's password, not a certificate
                "tls-auth-clients no",
                "tls-replication yes");
    }

    private List<String> withPasswords(List<String> users) {
        return users.stream().map(line -> {
            String user = line.split("\\s+")[1];
            return NO_LOGIN.equals(user) ? line : line + " >" + password(user);
        }).toList();
    }

    private static RedisSecurity create() {
        try {
            Path dir = Files.createTempDirectory("redis-tls-");
            return new RedisSecurity(TestPki.create(dir), userLines("users.acl"), userLines("sentinel-users.acl"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code user} lines of an ACL file of k8s/redis, as production loads it. */
    private static List<String> userLines(String file) {
        try (InputStream in = RedisSecurity.class.getResourceAsStream("/redis-acl/" + file)) {
            if (in == null) {
                throw new IllegalStateException("redis-acl/" + file + " is not on the classpath (local-stack's build copies k8s/redis)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> line.startsWith("user ")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
