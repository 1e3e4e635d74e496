package com.mobilityha.systemtests.stack;

import com.mobilityha.localstack.process.ChildProcesses;
import com.mobilityha.localstack.process.FreePorts;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.localstack.process.ServiceProcess;
import com.mobilityha.localstack.process.Signals;
import com.mobilityha.systemtests.app.KeycloakSignIn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak (its Quarkus distribution, dev mode, in-memory H2: a fresh realm every start) on a
 * loopback port, with the realm {@code globex} imported at start: one OIDC client per Connect
 * instance (confidential, PKCE S256 required) and the users {@code dave}, {@code agent0901} and {@code agent0902}, each with the
 * password {@link #PASSWORD} and a TOTP authenticator (RFC 6238) of their own ({@link #totpSecret}).
 * The distribution zip is put in {@code system-tests/target/keycloak} by the build.
 */
public final class KeycloakServer implements AutoCloseable {
    public static final String REALM = "globex";
    /** The realm's operations-console client secret ({@code mobility-console}). */
    public static final String CONSOLE_SECRET = "globex-console-secret-for-tests-only-0032";
    /** Globex's administrator in the realm (group {@code mobility-admin}, password only). */
    public static final String CONSOLE_ADMIN = "gloria";
    public static final String CONSOLE_ADMIN_PASSWORD = "gloria-password";
    static final String PASSWORD = "dave-password";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Process process;
    private final int port;
    private final Path log;

    private KeycloakServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Unpacks the distribution once, imports the realm and waits until its discovery document answers. */
    public static KeycloakServer start() {
        try {
            Path home = unpacked(ServiceProcess.module("system-tests").resolve("target/keycloak"));
            Path imports = Files.createDirectories(home.resolve("data/import"));
            try (InputStream realm = KeycloakServer.class.getResourceAsStream("/keycloak/globex-realm.json")) {
                Files.copy(realm, imports.resolve("globex-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            }
            int port = FreePorts.next();
            Path log = Files.createTempFile("keycloak-", ".log");
            ProcessBuilder builder = new ProcessBuilder(List.of("bash", home.resolve("bin/kc.sh").toString(),
                    "start-dev", "--import-realm", "--http-host=127.0.0.1", "--http-port=" + port,
                    "--http-management-port=" + FreePorts.next(), "--cache=local", "--db=dev-mem"))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            // the tests' service JVM options (C1 alone) serve Keycloak's start as well: its build step is most of it
            builder.environment().put("JAVA_OPTS_APPEND",
                    ("-Xmx512m " + System.getProperty(ServiceProcess.JVM_OPTIONS_PROPERTY, "")).trim());
            KeycloakServer server = new KeycloakServer(ChildProcesses.start(builder), port, log);
            server.awaitRealm();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Keycloak", e);
        }
    }

    /** A user of the realm at the sign-in pages, with their password and authenticator. */
    public static KeycloakSignIn user(String username) {
        return new KeycloakSignIn(username, PASSWORD, totpSecret(username));
    }

    /** A user's TOTP secret as Keycloak stores it (the HMAC key is its UTF-8 bytes). */
    static String totpSecret(String username) {
        return "globex-" + username + "-totp-secret";
    }

    /** The realm's issuer, i.e. the auth-server-url of both of Globex's IdP applications. */
    public String issuerUrl() {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    @Override
    public void close() {
        Signals.stop(process, Duration.ofSeconds(20));
    }

    private void awaitRealm() throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuerUrl() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(2)).build();
        boolean up = Poll.until(() -> {
            if (!process.isAlive()) {
                return true;
            }
            try {
                return http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }, START_TIMEOUT);
        if (!up || !process.isAlive()) {
            close();
            throw new IllegalStateException("Keycloak did not start; its log " + log + " ends with:\n"
                    + tail(Files.readAllLines(log)));
        }
    }

    private static String tail(List<String> lines) {
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** The distribution's directory, unpacked from the zip the build copied (once per build directory). */
    private static Path unpacked(Path dir) throws IOException {
        Path zip = dir.resolve("keycloak-dist.zip");
        if (!Files.exists(zip)) {
            throw new IllegalStateException(zip + " is missing: build system-tests (mvn generate-test-resources)");
        }
        Path target = dir.resolve("dist");
        Path marker = target.resolve(".unpacked");
        if (!Files.exists(marker)) {
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    String name = entry.getName().substring(entry.getName().indexOf('/') + 1);
                    Path out = target.resolve(name).normalize();
                    if (!out.startsWith(target) || name.isEmpty()) {
                        continue;
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            Files.writeString(marker, "");
        }
        return target;
    }
}
