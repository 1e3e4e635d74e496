package com.mobilityha.systemtests.stack;

import com.mobilityha.common.testing.DevIdentityProvider;
import com.mobilityha.common.testing.MockApnsFixture;
import com.mobilityha.common.testing.RedisProcess;
import com.mobilityha.common.testing.ServiceProcess;
import com.mobilityha.systemtests.app.AppClient;
import com.mobilityha.systemtests.app.Http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One mobility site on loopback, every part real: redis-server, the dev IdP (OIDC), Pushy's mock
 * APNs server (HTTP/2, TLS, token auth), the connect-simulator with two instances and the four
 * services, each its own JVM started from its built {@code quarkus-run.jar} in the prod profile.
 */
public final class LocalStack implements AutoCloseable {
    /** The demo company and its directory users (password = {@link #PASSWORD}). */
    public static final String COMPANY = "acme";
    public static final String PASSWORD = "demo-password";
    public static final List<String> USERS = List.of("alice", "bob", "carol");
    public static final int GENERATED_AGENTS = 1000;
    public static final String PRIMARY_INSTANCE = "a1b2c3d4-0000-4000-8000-000000000001";
    public static final String SECONDARY_INSTANCE = "a1b2c3d4-0000-4000-8000-000000000002";
    public static final String APP_ID = "com.mobilityha.demo";
    /** The demo's SSO company: its IdP has one application (issuer here) per Connect instance. */
    public static final String SSO_COMPANY = "globex";
    public static final String SSO_REDIRECT_URI = "com.globex.mobility:/sso";
    private static final String ADMIN_ISSUER = "mobility-admin";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final StackPorts ports;
    private final Path workDir;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, Duration> readyTimes = new LinkedHashMap<>();
    private RedisProcess redis;
    private DevIdentityProvider idp;
    private MockApnsFixture apns;
    private SiteIngress ingress;
    private final KeycloakServer keycloak;

    private LocalStack(StackPorts ports, Path workDir, KeycloakServer keycloak) {
        this.ports = ports;
        this.workDir = workDir;
        this.keycloak = keycloak;
    }

    /** Starts everything, narrating each part; on failure stops what was started. */
    public static LocalStack start(StackPorts ports, Consumer<String> narrator) {
        return start(ports, narrator, null);
    }

    /**
     * Like {@link #start(StackPorts, Consumer)}, with Globex signing in at this Keycloak (its realm's
     * two clients, one per Connect instance) instead of the dev IdP; null keeps the dev IdP.
     */
    public static LocalStack start(StackPorts ports, Consumer<String> narrator, KeycloakServer keycloak) {
        try {
            LocalStack stack = new LocalStack(ports, Files.createTempDirectory("mobility-ha-stack-"), keycloak);
            try {
                stack.startAll(narrator);
                return stack;
            } catch (RuntimeException e) {
                stack.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startAll(Consumer<String> narrator) throws IOException {
        redis = track(RedisProcess.start(ports.redis(), List.of()));
        narrator.accept("redis-server          " + redis.uri());
        idp = track(DevIdentityProvider.start(ports.idp()));
        USERS.forEach(user -> idp.user(COMPANY, user, PASSWORD));
        for (int i = 1; i <= GENERATED_AGENTS; i++) {
            idp.user(COMPANY, String.format("agent%04d", i), PASSWORD);
        }
        narrator.accept("dev IdP (OIDC)        " + idp.issuerUrl(COMPANY));
        apns = track(MockApnsFixture.start(ports.apns(), workDir, APP_ID));
        narrator.accept("mock APNs (HTTP/2)    https://127.0.0.1:" + ports.apns());

        ingress = track(SiteIngress.start(url(ports.login()), url(ports.session()), url(ports.gateway()),
                url(ports.notifier())));
        narrator.accept("site ingress          " + ingress.url() + "  (one host, routed by path as in k8s)");
        Path companies = writeCompanies();
        Map<String, String> common = Map.of("quarkus.redis.hosts", redis.uri(), "mobility.site", "primary",
                "quarkus.config.locations", companies.toUri().toString());
        startService(narrator, "connect-simulator", ports.simulator(), Map.of());
        startService(narrator, "session-service", ports.session(), with(common,
                "session.write-ack.replicas", "0",
                "quarkus.rest-client.notifier-service.url", url(ports.notifier()),
                "quarkus.rest-client.connect-gateway.url", url(ports.gateway()),
                "quarkus.rest-client.login-service.url", url(ports.login())));
        startService(narrator, "connect-gateway", ports.gateway(), with(common,
                "gateway.connect.endpoint-override", url(ports.simulator()),
                "gateway.connect.static-credentials.access-key-id", "AKIASIMULATOR",
                "gateway.connect.static-credentials.secret-access-key", "simulator-secret",
                "gateway.connect.outbound-contact-flow-id", "simulator-outbound-flow",
                "gateway.failback.idle-check-interval", "1s",
                "gateway.failback.idle-check-lease", "800ms",
                "quarkus.oidc.auth-server-url", idp.issuerUrl(ADMIN_ISSUER)));
        startService(narrator, "login-service", ports.login(), with(common,
                "quarkus.rest-client.connect-gateway.url", url(ports.gateway()),
                "quarkus.rest-client.session-service.url", url(ports.session()),
                // every simulated phone logs in from this one loopback address
                "login.rate-limit.per-address", "100000",
                "login.sso.refresh-token-key", "ZGVtby1vbmx5LWtleS1kZW1vLW9ubHkta2V5LTMyYis=",
                "login.sso.companies." + SSO_COMPANY + ".redirect-uri", SSO_REDIRECT_URI,
                ssoApp("primary") + "auth-server-url", ssoIssuer("primary"),
                ssoApp("primary") + "client-id", "mobility-primary",
                ssoApp("primary") + "client-secret", SSO_COMPANY + "-primary-secret",
                ssoApp("secondary") + "auth-server-url", ssoIssuer("secondary"),
                ssoApp("secondary") + "client-id", "mobility-secondary",
                ssoApp("secondary") + "client-secret", SSO_COMPANY + "-secondary-secret"));
        Map<String, String> notifier = new HashMap<>(with(common,
                "quarkus.oidc.auth-server-url", idp.issuerUrl(ADMIN_ISSUER)));
        notifier.putAll(apns.notifierProperties());
        startService(narrator, "notifier-service", ports.notifier(), notifier);
    }

    /** Globex's IdP application of an instance: a Keycloak realm client, or an issuer of the dev IdP. */
    private String ssoIssuer(String instanceRole) {
        return keycloak != null ? keycloak.issuerUrl() : idp.issuerUrl(SSO_COMPANY + "-" + instanceRole);
    }

    private static String ssoApp(String instanceRole) {
        return "login.sso.companies." + SSO_COMPANY + ".instances." + instanceRole + ".";
    }

    private void startService(Consumer<String> narrator, String module, int port, Map<String, String> properties) {
        long start = System.nanoTime();
        ServiceProcess process = track(ServiceProcess.start(module, ServiceProcess.module(module), port, properties));
        process.awaitReady(READY_TIMEOUT);
        Duration ready = Duration.ofNanos(System.nanoTime() - start);
        services.put(module, process);
        readyTimes.put(module, ready);
        narrator.accept(String.format("%-21s %s  (ready in %d ms, log %s)", module, process.baseUrl(),
                ready.toMillis(), process.log()));
    }

    private Path writeCompanies() throws IOException {
        String prefix = "mobility.companies." + COMPANY + ".";
        String sso = "mobility.companies." + SSO_COMPANY + ".";
        String content = String.join("\n",
                "# The demo company, as a site overlay's companies.properties would define it.",
                prefix + "name=Acme Corp",
                prefix + "sso=false",
                prefix + "failback-policy=when-idle",
                prefix + "phone-type=desk-phone",
                prefix + "mobility-servers.primary=" + ingress.url(),
                prefix + "mobility-servers.secondary=http://127.0.0.1:9081",
                prefix + "connect-instances.primary.instance-id=" + PRIMARY_INSTANCE,
                prefix + "connect-instances.primary.region=us-east-1",
                prefix + "connect-instances.secondary.instance-id=" + SECONDARY_INSTANCE,
                prefix + "connect-instances.secondary.region=us-west-2",
                prefix + "directory.auth-server-url=" + idp.issuerUrl(COMPANY),
                prefix + "directory.client-id=mobility-login",
                prefix + "directory.client-secret=dev-only-secret",
                "# The SSO company: the same Connect instances (the simulator's), agents sign in at its IdP.",
                sso + "name=Globex (SSO)",
                sso + "sso=true",
                sso + "mobility-servers.primary=" + ingress.url(),
                sso + "mobility-servers.secondary=http://127.0.0.1:9081",
                sso + "connect-instances.primary.instance-id=" + PRIMARY_INSTANCE,
                sso + "connect-instances.secondary.instance-id=" + SECONDARY_INSTANCE,
                sso + "connect-instances.secondary.region=us-west-2",
                "");
        return Files.writeString(workDir.resolve("companies.properties"), content);
    }

    /** A new phone talking to this site. */
    public AppClient newApp() {
        return new AppClient(url(ports.login()), url(ports.session()), url(ports.gateway()), url(ports.notifier()));
    }

    /** An OIDC access token of an administrator of {@code companyCode} (role mobility-admin). */
    public String adminToken(String companyCode) {
        return idp.adminToken(ADMIN_ISSUER, companyCode);
    }

    /** The simulator's view of an agent on an instance (status etc.). */
    public Http.Answer agentOnSimulator(String instanceId, String username) {
        return new Http(Duration.ofSeconds(5)).send("GET", url(ports.simulator()) + "/admin/instances/"
                + instanceId + "/agents/" + username, null, Map.of());
    }

    /** Sets a simulated Connect instance's fault mode (HEALTHY, RESET, ERROR_500, HANG). */
    public void faultInstance(String instanceId, String mode) {
        Http.Answer answer = new Http(Duration.ofSeconds(5)).send("PUT", url(ports.simulator()) + "/admin/instances/"
                + instanceId + "/faults", Map.of("mode", mode), Map.of());
        if (!answer.ok()) {
            throw new IllegalStateException("simulator refused the fault: " + answer.body());
        }
    }

    /** Waits until the gateway reports this state for the instance; false on timeout. */
    public boolean awaitInstanceState(String instanceId, String state, Duration timeout) {
        Http http = new Http(Duration.ofSeconds(2));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String body = http.send("GET", url(ports.gateway()) + "/q/health/group/connect", null, Map.of()).body();
            if (body != null && body.matches("(?s).*\\S+ " + instanceId + "\"\\s*:\\s*\"" + state + "\".*")) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** The site's one host for the app, routed by path to its services. */
    public String siteUrl() {
        return ingress.url();
    }

    /** The dev IdP of every company (directory of acme, SSO applications of globex). */
    public DevIdentityProvider idp() {
        return idp;
    }

    public MockApnsFixture apns() {
        return apns;
    }

    public Map<String, ServiceProcess> services() {
        return services;
    }

    /** Time from spawning each process to its readiness probe answering 200. */
    public Map<String, Duration> readyTimes() {
        return readyTimes;
    }

    public StackPorts ports() {
        return ports;
    }

    public String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("stopping a stack part failed: " + e);
            }
        }
        started.clear();
    }

    private <T extends AutoCloseable> T track(T part) {
        started.add(part);
        return part;
    }

    private static Map<String, String> with(Map<String, String> base, String... keyValues) {
        Map<String, String> result = new HashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            result.put(keyValues[i], keyValues[i + 1]);
        }
        return result;
    }
}
