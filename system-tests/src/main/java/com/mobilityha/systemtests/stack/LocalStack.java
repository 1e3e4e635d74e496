package com.mobilityha.systemtests.stack;

import com.mobilityha.common.company.CompaniesConfig;
import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.localstack.connect.ConnectQuotas;
import com.mobilityha.localstack.demo.CompaniesFile;
import com.mobilityha.localstack.demo.GlobalResiliencyCompany;
import com.mobilityha.localstack.demo.DemoCompany;
import com.mobilityha.localstack.identity.DevIdentityProvider;
import com.mobilityha.localstack.process.FreePorts;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.localstack.process.ServiceProcess;
import com.mobilityha.localstack.push.MockApnsFixture;
import com.mobilityha.localstack.push.MockFcmServer;
import com.mobilityha.localstack.redis.RedisProcess;
import com.mobilityha.localstack.redis.RedisSecurity;
import com.mobilityha.localstack.redis.RedisSentinelSet;
import com.mobilityha.localstack.servicetoken.ServiceTokenKey;
import com.mobilityha.systemtests.app.AppClient;
import com.mobilityha.systemtests.app.Http;
import com.mobilityha.systemtests.drill.Milestones;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * The local stack on loopback, every part real: Redis, the dev IdP (OIDC), Pushy's mock APNs server
 * (HTTP/2, TLS, token auth), a mock FCM v1 endpoint, the connect-simulator with two instances and one
 * or two mobility {@link Site}s, each of the four services its own JVM started from its built
 * {@code quarkus-run.jar} in the prod profile. Two sites share one Redis data set with Sentinels
 * (master, replica, three Sentinels), as in production; one site runs on a single redis-server.
 */
public final class LocalStack implements AutoCloseable {
    /** The demo company ({@link DemoCompany}) and its directory users (password = {@link #PASSWORD}). */
    public static final String COMPANY = DemoCompany.CODE;
    public static final String PASSWORD = DemoCompany.PASSWORD;
    public static final List<String> USERS = DemoCompany.AGENTS;
    public static final int GENERATED_AGENTS = DemoCompany.GENERATED_AGENTS;
    public static final String PRIMARY_INSTANCE = DemoCompany.PRIMARY.instanceId();
    public static final String SECONDARY_INSTANCE = DemoCompany.SECONDARY.instanceId();
    public static final String APP_ID = CompaniesConfig.REFERENCE_APP_ID;
    /**
     * The account's Connect API quotas unless told (the simulator throttles by them, the gateways budget
     * them): raised, as after a quota increase, so that the drills' bursts of logins are not paced; the
     * budget itself is drilled on AWS's defaults by the gateway's tests and {@code bin/bench P7}.
     */
    public static final ConnectQuotas CONNECT_QUOTAS = ConnectQuotas.RAISED;
    /** The demo's SSO company: its IdP has one application (issuer here) per Connect instance. */
    public static final String SSO_COMPANY = "globex";
    public static final String SSO_REDIRECT_URI = "com.globex.mobility:/sso";
    private static final String ADMIN_ISSUER = "mobility-admin";
    /** Signs in to the operations console as acme's administrator (role mobility-admin). */
    public static final String CONSOLE_ADMIN = "acme-admin";
    /** An acme user without the role mobility-admin: the console refuses them. */
    public static final String CONSOLE_NO_ROLE = "acme-supervisor";
    /** Globex's administrator: the console shows them globex only. */
    public static final String CONSOLE_OTHER_COMPANY = "globex-admin";
    private static final String CONSOLE_CLIENT_SECRET = "dev-console-secret-not-for-production-use";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    /** Signs in and out at each site once the stack started ({@link #warmUp}); no test uses it. */
    private static final String WARM_UP_AGENT = DemoCompany.generatedAgent(GENERATED_AGENTS);
    /** acme's reachability watch (B8) on the stack: check in every second, WAKE after 3 s of silence, unreachable after 6 s. */
    public static final Map<String, String> REACHABILITY = Map.of("check-in-every", "1s", "wake-after", "3s",
            "unreachable-after", "6s");
    /**
     * acme's reachability watch (B8) on timings no benchmark reaches: simulated apps that do not run their check-ins
     * would otherwise be woken and made unreachable while a benchmark measures something else.
     */
    public static final Map<String, String> UNWATCHED_FOR_HOURS = Map.of("check-in-every", "1h", "wake-after", "2h",
            "unreachable-after", "3h");
    /** How often the gateways' reachability watchdog looks for silent phones on the stack. */
    public static final Duration REACHABILITY_CHECK_EVERY = Duration.ofSeconds(1);

    private final StackPorts ports;
    private final Path workDir;
    private final boolean twoSites;
    private final KeycloakServer keycloak;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, Site> sites = new LinkedHashMap<>();
    private ServiceProcess simulator;
    private RedisProcess redis;
    private RedisSentinelSet redisSet;
    private DevIdentityProvider idp;
    private MockApnsFixture apns;
    private MockFcmServer fcm;
    private NioReactor reactor;
    private final ConnectQuotas quotas;
    private final ServiceTokenKey serviceTokenKey = ServiceTokenKey.random();
    private final ToIntFunction<String> replicas;
    private final boolean primaryRedisLink;
    /** acme's reachability watch on this stack ({@link #REACHABILITY} unless a benchmark chose other timings). */
    private final Map<String, String> reachability;
    /** Site primary's network path to Redis, where a drill asked for one it can cut. */
    private TcpCrusher primaryToRedis;
    /** Whether the mock APNs server verifies each push's ES256 token, as APNs does (all but the push-load benchmarks). */
    private final boolean verifyingApns;

    private LocalStack(StackPorts ports, Path workDir, boolean twoSites, KeycloakServer keycloak, ConnectQuotas quotas,
                       ToIntFunction<String> replicas, boolean primaryRedisLink, Map<String, String> reachability,
                       boolean verifyingApns) {
        this.verifyingApns = verifyingApns;
        this.quotas = quotas;
        this.reachability = reachability;
        this.replicas = replicas;
        this.primaryRedisLink = primaryRedisLink;
        this.ports = ports;
        this.workDir = workDir;
        this.twoSites = twoSites;
        this.keycloak = keycloak;
    }

    /** Starts one site and what it needs, narrating each part; on failure stops what was started. */
    public static LocalStack start(StackPorts ports, Consumer<String> narrator) {
        return start(ports, narrator, null);
    }

    /**
     * Like {@link #start(StackPorts, Consumer)}, with Globex signing in at this Keycloak (its realm's
     * two clients, one per Connect instance) instead of the dev IdP; null keeps the dev IdP.
     */
    public static LocalStack start(StackPorts ports, Consumer<String> narrator, KeycloakServer keycloak) {
        return start(ports, narrator, false, keycloak, CONNECT_QUOTAS, Site.ONE_REPLICA, false, REACHABILITY, true);
    }

    /** Starts both sites (primary, secondary) on one Redis data set with Sentinels, and what they share. */
    public static LocalStack startTwoSites(StackPorts ports, Consumer<String> narrator) {
        return startTwoSites(ports, narrator, CONNECT_QUOTAS);
    }

    /** Like {@link #startTwoSites(StackPorts, Consumer)}, on this account's Connect API quotas. */
    public static LocalStack startTwoSites(StackPorts ports, Consumer<String> narrator, ConnectQuotas quotas) {
        return startTwoSites(ports, narrator, quotas, Site.ONE_REPLICA);
    }

    /**
     * Like {@link #startTwoSites(StackPorts, Consumer, ConnectQuotas)}, each service (by module name) with this
     * many replicas per site: {@link Site#AS_MANIFESTS} (the demo, the replica drills) or {@link Site#ONE_REPLICA}.
     */
    public static LocalStack startTwoSites(StackPorts ports, Consumer<String> narrator, ConnectQuotas quotas,
                                           ToIntFunction<String> replicas) {
        return start(ports, narrator, true, null, quotas, replicas, false, REACHABILITY, true);
    }

    /**
     * Like {@link #startTwoSites(StackPorts, Consumer, ConnectQuotas)}, its mock APNs server accepting every
     * well-formed push without verifying each request's ES256 token: verifying costs the mock more CPU than
     * the sender (it tops out at ~600 pushes/s here, {@code bin/bench P1}), so a benchmark of thousands of
     * pushes would measure the mock. Device tokens, topics and payloads are not checked either. acme's phones
     * are watched on timings longer than a benchmark runs ({@link #UNWATCHED_FOR_HOURS}), not the drills' seconds.
     */
    public static LocalStack startTwoSitesForPushLoad(StackPorts ports, Consumer<String> narrator, ConnectQuotas quotas) {
        return start(ports, narrator, true, null, quotas, Site.ONE_REPLICA, false, UNWATCHED_FOR_HOURS, false);
    }

    /**
     * Like {@link #startTwoSites(StackPorts, Consumer)}, acme's phones watched on these timings ({@link #REACHABILITY}'s
     * keys) instead of the drills' seconds: a benchmark of a thousand phones checking in.
     */
    public static LocalStack startTwoSitesWatching(StackPorts ports, Consumer<String> narrator,
                                                   Map<String, String> reachability) {
        return start(ports, narrator, true, null, CONNECT_QUOTAS, Site.ONE_REPLICA, false, reachability, true);
    }

    /**
     * Like {@link #startTwoSites(StackPorts, Consumer, ConnectQuotas, ToIntFunction)}, with site primary reaching
     * Redis through a network link a drill can cut ({@link #cutPrimarySitesRedisLink()}): a TCP link to the
     * master (client type standalone; the master does not change while it is used), while site secondary
     * reaches Redis through the Sentinels.
     */
    public static LocalStack startTwoSitesWithPrimaryRedisLink(StackPorts ports, Consumer<String> narrator,
                                                               ToIntFunction<String> replicas) {
        return start(ports, narrator, true, null, CONNECT_QUOTAS, replicas, true, REACHABILITY, true);
    }

    private static LocalStack start(StackPorts ports, Consumer<String> narrator, boolean twoSites,
                                    KeycloakServer keycloak, ConnectQuotas quotas, ToIntFunction<String> replicas,
                                    boolean primaryRedisLink, Map<String, String> reachability, boolean verifyingApns) {
        try {
            LocalStack stack = new LocalStack(ports, Files.createTempDirectory("mobility-ha-stack-"), twoSites, keycloak,
                    quotas, replicas, primaryRedisLink, reachability, verifyingApns);
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
        Map<String, String> redisProperties;
        if (twoSites) {
            redisSet = track(RedisSentinelSet.start());
            redisProperties = redisSet.quarkusProperties();
            narrator.accept("Redis master + replica + 3 Sentinels  " + redisSet.sentinelHosts());
        } else {
            redis = track(RedisProcess.start(ports.redis(), List.of()));
            redisProperties = Map.of("quarkus.redis.hosts", redis.uri());
            narrator.accept("redis-server          " + redis.uri());
        }
        idp = track(DevIdentityProvider.start(ports.idp()));
        for (String company : List.of(COMPANY, GlobalResiliencyCompany.CODE)) {
            USERS.forEach(user -> idp.user(company, user, PASSWORD));
            for (int i = 1; i <= GENERATED_AGENTS; i++) {
                idp.user(company, DemoCompany.generatedAgent(i), PASSWORD);
            }
        }
        idp.account(ADMIN_ISSUER, CONSOLE_ADMIN, PASSWORD, COMPANY, List.of("mobility-admin"))
                .account(ADMIN_ISSUER, CONSOLE_NO_ROLE, PASSWORD, COMPANY, List.of())
                .account(ADMIN_ISSUER, CONSOLE_OTHER_COMPANY, PASSWORD, SSO_COMPANY, List.of("mobility-admin"));
        narrator.accept("dev IdP (OIDC)        " + idp.issuerUrl(COMPANY));
        apns = track(verifyingApns ? MockApnsFixture.start(ports.apns(), workDir, APP_ID)
                : MockApnsFixture.startAcceptingAll(ports.apns(), workDir, APP_ID));
        narrator.accept("mock APNs (HTTP/2)    https://127.0.0.1:" + ports.apns()
                + (verifyingApns ? "" : "  (accepting every well-formed push, tokens not verified)"));
        fcm = track(MockFcmServer.start(workDir));
        narrator.accept("mock FCM (HTTP v1)    " + fcm.baseUrl());
        long spawned = System.nanoTime();
        simulator = track(ServiceProcess.start("connect-simulator", ServiceProcess.module("connect-simulator"),
                ports.simulator(), quotas.simulatorProperties()).awaitReady(READY_TIMEOUT));
        Duration simulatorReady = Duration.ofNanos(System.nanoTime() - spawned);
        narrator.accept(String.format("%-21s %s  (ready in %d ms; Connect API quotas: %s)", "connect-simulator",
                simulator.baseUrl(), simulatorReady.toMillis(), quotas.profile()));
        reactor = new NioReactor();
        started.add(reactor::close);
        Path companies = writeCompanies();
        for (String role : twoSites ? List.of("primary", "secondary") : List.of("primary")) {
            sites.put(role, track(Site.start(role, ports.site(role), siteProperties(role, redisPath(role, redisProperties),
                            companies),
                    reactor, ports.simulator(), List.of(PRIMARY_INSTANCE, SECONDARY_INSTANCE), COMPANY, replicas, narrator,
                    event -> System.out.println("  kubelet: " + event))));
        }
        sites.values().forEach(site -> warmUp(site, narrator));
    }

    /**
     * One agent ({@link #WARM_UP_AGENT}) signs in at the site's edge, reads their session and statuses and signs
     * out, as a deployment's smoke test does: ready is not warm, and the first requests of a cold JVM (class
     * loading, JIT) are over before a test times anything against the app's short timeouts.
     */
    private void warmUp(Site site, Consumer<String> narrator) {
        long start = System.nanoTime();
        AppClient app = new AppClient(site.url(), site.url(), site.url(), site.url());
        if (!Poll.until(() -> signsIn(app), READY_TIMEOUT)) {
            throw new IllegalStateException("site " + site.role() + " did not sign " + WARM_UP_AGENT + " in within "
                    + READY_TIMEOUT);
        }
        app.session();
        app.agentStatuses();
        if (app.logout().status() != 204) {
            throw new IllegalStateException("site " + site.role() + " did not sign " + WARM_UP_AGENT + " out");
        }
        narrator.accept(String.format("  warmed up           %s signed in and out in %d ms", WARM_UP_AGENT,
                Duration.ofNanos(System.nanoTime() - start).toMillis()));
    }

    private static boolean signsIn(AppClient app) {
        try {
            return app.login(COMPANY, WARM_UP_AGENT, PASSWORD).status() == 201;
        } catch (UncheckedIOException tooSlowYet) {
            return false;
        }
    }

    /** How the site of {@code role} reaches Redis: as every site does, or through a link a drill can cut. */
    private Map<String, String> redisPath(String role, Map<String, String> redisProperties) {
        if (!primaryRedisLink || !"primary".equals(role)) {
            return redisProperties;
        }
        int link = FreePorts.next();
        primaryToRedis = TcpCrusherBuilder.builder().withReactor(reactor).withBindAddress("127.0.0.1", link)
                .withConnectAddress("127.0.0.1", redisSet.masterPort()).buildAndOpen();
        started.add(() -> {
            if (primaryToRedis.isOpen()) {
                primaryToRedis.close();
            }
        });
        return Map.of("quarkus.redis.client-type", "standalone", "quarkus.redis.hosts", "rediss://127.0.0.1:" + link);
    }

    /** Site primary's link to Redis goes down: its connections reset, new ones refused; site secondary's path works on. */
    public void cutPrimarySitesRedisLink() {
        primaryToRedis.close();
    }

    /** Site primary reaches Redis again. */
    public void restorePrimarySitesRedisLink() {
        primaryToRedis.open();
    }

    /** Each service's settings on the site of {@code role}: it talks to its own site's services only. */
    private Map<String, Map<String, String>> siteProperties(String role, Map<String, String> redisProperties,
                                                            Path companies) {
        StackPorts.SitePorts site = ports.site(role);
        Map<String, String> common = new HashMap<>(redisProperties);
        common.putAll(Map.of("mobility.site", role, "quarkus.config.locations", companies.toUri().toString(),
                // what must survive a Redis master failover waits for the replica, where there is one
                "mobility.write-ack.replicas", twoSites ? "1" : "0"));
        Map<String, String> internalCalls = new HashMap<>(common);
        internalCalls.putAll(serviceTokenKey.properties());
        Map<String, Map<String, String>> properties = new HashMap<>();
        properties.put("session-service", with(internalCalls,
                "quarkus.rest-client.notifier-service.url", url(site.notifier()),
                "quarkus.rest-client.connect-gateway.url", url(site.gateway()),
                "quarkus.rest-client.login-service.url", url(site.login()),
                "quarkus.oidc.tenant-enabled", "true",
                // plain HTTP on loopback: a Secure cookie would never be sent back
                "quarkus.oidc.authentication.cookie-force-secure", "false",
                "quarkus.oidc.auth-server-url", adminIssuer(),
                "quarkus.oidc.credentials.secret", keycloak != null ? KeycloakServer.CONSOLE_SECRET : CONSOLE_CLIENT_SECRET));
        Map<String, String> gateway = new HashMap<>(internalCalls);
        gateway.putAll(quotas.gatewayProperties());
        properties.put("connect-gateway", with(gateway,
                "gateway.connect.static-credentials.access-key-id", "AKIASIMULATOR",
                "gateway.connect.static-credentials.secret-access-key", "simulator-secret",
                "gateway.connect.outbound-contact-flow-id", "simulator-outbound-flow",
                "gateway.global-resiliency.poll-interval", "2s",
                "gateway.failback.idle-check-interval", "1s",
                "gateway.failback.idle-check-lease", "800ms",
                "gateway.reachability.check-every", REACHABILITY_CHECK_EVERY.toMillis() + "ms",
                "gateway.reachability.round-lease", "800ms",
                "quarkus.oidc.auth-server-url", adminIssuer()));
        properties.put("login-service", with(internalCalls,
                "quarkus.rest-client.connect-gateway.url", url(site.gateway()),
                "quarkus.rest-client.session-service.url", url(site.session()),
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
        Map<String, String> notifier = with(common, "quarkus.oidc.auth-server-url", adminIssuer());
        notifier.putAll(apns.notifierProperties());
        notifier.putAll(fcm.notifierProperties());
        properties.put("notifier-service", notifier);
        // each service logs in to Redis as its own ACL user, over TLS
        properties.forEach((service, settings) -> settings.putAll(RedisSecurity.local().serviceProperties(service)));
        return properties;
    }

    /**
     * The administrators' IdP: the dev IdP's {@code mobility-admin} issuer, or, on a stack with
     * Keycloak, Globex's realm (whose console client says every user is Globex's).
     */
    private String adminIssuer() {
        return keycloak != null ? keycloak.issuerUrl() : idp.issuerUrl(ADMIN_ISSUER);
    }

    /** Globex's IdP application of an instance: a Keycloak realm client, or an issuer of the dev IdP. */
    private String ssoIssuer(String instanceRole) {
        return keycloak != null ? keycloak.issuerUrl() : idp.issuerUrl(SSO_COMPANY + "-" + instanceRole);
    }

    private static String ssoApp(String instanceRole) {
        return "login.sso.companies." + SSO_COMPANY + ".instances." + instanceRole + ".";
    }

    private Path writeCompanies() {
        Map<String, String> companies = new LinkedHashMap<>(DemoCompany.siteProperties(url(ports.primary().edge()),
                url(ports.secondary().edge()), idp.issuerUrl(COMPANY)));
        // B8 in seconds, not minutes, for the drills: only phones that check in are watched
        reachability.forEach((key, value) -> companies.put(DemoCompany.prefix() + "reachability." + key, value));
        // The SSO company: the same Connect instances (the simulator's), agents sign in at its IdP.
        String sso = "mobility.companies." + SSO_COMPANY + ".";
        companies.put(sso + "name", "Globex (SSO)");
        companies.put(sso + "sso", "true");
        companies.put(sso + "mobility-servers.primary", url(ports.primary().edge()));
        companies.put(sso + "mobility-servers.secondary", url(ports.secondary().edge()));
        companies.put(sso + "connect-instances.primary.instance-id", PRIMARY_INSTANCE);
        companies.put(sso + "connect-instances.secondary.instance-id", SECONDARY_INSTANCE);
        companies.put(sso + "connect-instances.secondary.region", DemoCompany.SECONDARY.region());
        // The Global Resiliency company (B3): the simulator's source instance and its replica, the same agents.
        companies.putAll(GlobalResiliencyCompany.siteProperties(url(ports.primary().edge()), url(ports.secondary().edge())));
        String acgr = "mobility.companies." + GlobalResiliencyCompany.CODE + ".";
        companies.put(acgr + "directory.auth-server-url", idp.issuerUrl(GlobalResiliencyCompany.CODE));
        companies.put(acgr + "directory.client-id", DemoCompany.DIRECTORY_CLIENT_ID);
        companies.put(acgr + "directory.client-secret", DemoCompany.DIRECTORY_CLIENT_SECRET);
        return CompaniesFile.write(workDir.resolve("companies.properties"),
                "The demo companies, as a site overlay's companies.properties would define them.", companies);
    }

    /** A new phone talking straight to the primary site's services (not through its ingress). */
    public AppClient newApp() {
        Site primary = site("primary");
        return new AppClient(primary.serviceUrl("login-service"), primary.serviceUrl("session-service"),
                primary.serviceUrl("connect-gateway"), primary.serviceUrl("notifier-service"));
    }

    /** An OIDC access token of an administrator of {@code companyCode} (role mobility-admin; dev IdP stacks). */
    public String adminToken(String companyCode) {
        return idp.adminToken(ADMIN_ISSUER, companyCode);
    }

    /** The simulator's view of an agent on an instance (status etc.). */
    public Http.Answer agentOnSimulator(String instanceId, String username) {
        return new Http(Duration.ofSeconds(5)).send("GET", url(ports.simulator()) + "/admin/instances/"
                + instanceId + "/agents/" + username, null, Map.of());
    }

    /** Every contact of a simulated instance (inbound and outbound, with the customer's number). */
    public Http.Answer contactsOnSimulator(String instanceId) {
        return new Http(Duration.ofSeconds(5)).send("GET", url(ports.simulator()) + "/admin/instances/"
                + instanceId + "/contacts", null, Map.of());
    }

    /** A customer calls the agent (who must be Available) on a simulated instance; the contact id. */
    public String customerCalls(String instanceId, String username) {
        Http.Answer answer = new Http(Duration.ofSeconds(5)).send("POST", url(ports.simulator()) + "/admin/calls/"
                + instanceId, Map.of("customerNumber", "+14155550199", "agent", username), Map.of());
        if (!answer.ok()) {
            throw new IllegalStateException("simulator refused the inbound call: " + answer.body());
        }
        return answer.json().path("id").asText();
    }

    /** What happens to a contact on a simulated instance: {@code answer}, {@code miss}, {@code customer-hang-up}. */
    public void contact(String instanceId, String contactId, String action) {
        Http.Answer answer = new Http(Duration.ofSeconds(5)).send("POST", url(ports.simulator()) + "/admin/calls/"
                + instanceId + "/" + contactId + "/" + action, null, Map.of());
        if (!answer.ok()) {
            throw new IllegalStateException("simulator refused " + action + ": " + answer.body());
        }
    }

    /** Someone else (the AWS console) shifts a traffic distribution group wholly to a Region (B3). */
    public void shiftTrafficDistribution(String groupId, String region) {
        Http.Answer answer = new Http(Duration.ofSeconds(5)).send("POST", url(ports.simulator())
                + "/admin/traffic-distribution-groups/" + groupId + "/shift/" + region, null, Map.of());
        if (!answer.ok()) {
            throw new IllegalStateException("simulator refused the shift: " + answer.body());
        }
    }

    /** Sets a simulated Connect instance's fault mode (HEALTHY, RESET, ERROR_500, HANG). */
    public void faultInstance(String instanceId, String mode) {
        Http.Answer answer = new Http(Duration.ofSeconds(5)).send("PUT", url(ports.simulator()) + "/admin/instances/"
                + instanceId + "/faults", Map.of("mode", mode), Map.of());
        if (!answer.ok()) {
            throw new IllegalStateException("simulator refused the fault: " + answer.body());
        }
    }

    /** Waits until a running site's gateway reports this state for the instance; false on timeout. */
    public boolean awaitInstanceState(String instanceId, String state, Duration timeout) {
        return Milestones.since(System.nanoTime()).watch(state, () -> instanceStateIs(instanceId, state))
                .await(timeout).reached(state);
    }

    /**
     * Waits until every running site reaches the instance: each site's gateway sees it UP and every pod's
     * fresh view of it in Redis is UP (no pod still doubting it after an earlier outage). True if so in time.
     */
    public boolean awaitEverySiteReaches(String instanceId, Duration timeout) {
        return Milestones.since(System.nanoTime()).watch("reached", () -> everySiteReaches(instanceId))
                .await(timeout).reached("reached");
    }

    private boolean everySiteReaches(String instanceId) {
        List<String> views = onRedis("HVALS", RedisKeys.connectInstanceViews(instanceId)).lines()
                .filter(view -> view.contains("@")).toList();
        return !views.isEmpty() && views.stream().allMatch(view -> view.startsWith("UP@"))
                && sites.values().stream().flatMap(site -> site.replicas("connect-gateway").stream())
                .filter(ServiceProcess::isAlive).allMatch(gateway -> gatewaySees(gateway, instanceId, "UP"));
    }

    /** Whether a running site's gateway reports this state (UP, DEGRADED, DOWN) for the instance now. */
    public boolean instanceStateIs(String instanceId, String state) {
        return gatewaySees(sites.values().stream().flatMap(site -> site.replicas("connect-gateway").stream())
                .filter(ServiceProcess::isAlive).findFirst().orElseThrow(), instanceId, state);
    }

    private static boolean gatewaySees(ServiceProcess gateway, String instanceId, String state) {
        String body = new Http(Duration.ofSeconds(2)).send("GET", gateway.managementUrl() + "/q/health/group/connect", null,
                Map.of()).body();
        return body != null && body.matches("(?s).*\\S+ " + instanceId + "\"\\s*:\\s*\"" + state + "\".*");
    }

    /** The primary site's one host for the app, routed by path to its services. */
    public String siteUrl() {
        return site("primary").url();
    }

    /** The site of this role ({@code primary}, or {@code secondary} when two sites run). */
    public Site site(String role) {
        Site site = sites.get(role);
        if (site == null) {
            throw new IllegalArgumentException("no site " + role + " in this stack");
        }
        return site;
    }

    /** The port of the current Redis master. */
    public int redisMasterPort() {
        return redisSet != null ? redisSet.masterPort() : redis.port();
    }

    /** The Redis master, replica and Sentinels both sites share, for drills that fail the master over (two sites only). */
    public RedisSentinelSet redisSentinels() {
        if (redisSet == null) {
            throw new IllegalStateException("a one-site stack runs on a single redis-server");
        }
        return redisSet;
    }

    /** Runs a command on the Redis master with redis-cli; its output. */
    public String onRedis(String... command) {
        if (redisSet != null) {
            return redisSet.onMaster(command).trim();
        }
        return redis.cli(command);
    }

    /** The Redis servers (and Sentinels, on two sites) both sites share, as {@code rediss://} URIs. */
    public List<String> redisServers() {
        return redisSet != null ? redisSet.serverUris() : List.of(redis.uri());
    }

    /**
     * What Redis refused our services on this stack so far (its ACL LOG entries naming a service's user), one line
     * per server and service; empty when nothing.
     */
    public List<String> redisRefusals() {
        List<String> refusals = new ArrayList<>();
        for (String server : redisServers()) {
            String log = RedisProcess.cli(URI.create(server).getPort(), "ACL", "LOG");
            Site.SERVICES.stream().filter(service -> log.lines().anyMatch(service::equals))
                    .forEach(service -> refusals.add(server + " refused " + service + ": " + log.replace('\n', ' ')));
        }
        return refusals;
    }

    /** The header of a call from service {@code caller} to service {@code audience} of this stack's sites. */
    public Map<String, String> serviceCall(String caller, String audience) {
        return serviceTokenKey.header(caller, audience);
    }

    /** Where each site's services' metrics are scraped, by site role, then by module name. */
    public Map<String, Map<String, List<String>>> metricsTargets() {
        Map<String, Map<String, List<String>>> targets = new LinkedHashMap<>();
        sites.forEach((role, site) -> targets.put(role, site.metricsTargets()));
        return targets;
    }

    /** The Amazon Connect simulator's process (its metrics count the API calls it received). */
    public ServiceProcess simulator() {
        return simulator;
    }

    /** The dev IdP of every company (directory of acme, SSO applications of globex). */
    public DevIdentityProvider idp() {
        return idp;
    }

    public MockApnsFixture apns() {
        return apns;
    }

    public MockFcmServer fcm() {
        return fcm;
    }

    /** The simulator and the primary site's services, by module name. */
    public Map<String, ServiceProcess> services() {
        Map<String, ServiceProcess> services = new LinkedHashMap<>(Map.of("connect-simulator", simulator));
        services.putAll(site("primary").services());
        return services;
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
