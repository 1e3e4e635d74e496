package com.mobilityha.systemtests.stack;

import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.localstack.demo.CompaniesFile;
import com.mobilityha.localstack.demo.DemoCompany;
import com.mobilityha.localstack.process.FreePorts;
import com.mobilityha.localstack.process.ReadinessStandIn;
import com.mobilityha.localstack.process.ServiceProcess;
import com.mobilityha.localstack.redis.RedisSentinelSet;
import com.mobilityha.localstack.servicetoken.ServiceTokenKey;
import com.mobilityha.systemtests.app.Http;
import com.mobilityha.systemtests.app.Http.Answer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Both mobility sites' session-services as real processes on one Redis data set with Sentinels
 * (master, replica, three Sentinels): the part of two sites that site failover (S6, S7, S10) and
 * Redis failover (R1) are about, each site's connect-gateway stood in for by a ready readiness endpoint.
 * Sites can be killed (SIGKILL), frozen (SIGSTOP) and restarted.
 */
public final class SessionSites implements AutoCloseable {
    public static final String COMPANY = DemoCompany.CODE;
    private static final Duration READY = Duration.ofSeconds(60);

    private final Http http = new Http(Duration.ofSeconds(5));
    private final Map<String, ServiceProcess> sites = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new HashMap<>();
    private final ReadinessStandIn gateways = ReadinessStandIn.start();
    private final ServiceTokenKey serviceTokenKey = ServiceTokenKey.random();
    private final RedisSentinelSet redis;
    private final Path companies;

    private SessionSites(RedisSentinelSet redis, Path companies) {
        this.redis = redis;
        this.companies = companies;
    }

    /** Starts the Redis set and the session-service of site primary and of site secondary. */
    public static SessionSites start(Consumer<String> narrator) {
        RedisSentinelSet redis = RedisSentinelSet.start();
        narrator.accept("Redis master + replica + 3 Sentinels  " + redis.sentinelHosts());
        SessionSites sites;
        try {
            sites = new SessionSites(redis, writeCompanies());
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
        try {
            for (String site : new String[]{"primary", "secondary"}) {
                sites.ports.put(site, FreePorts.next());
                sites.startSite(site);
                narrator.accept("session-service of site " + site + "  " + sites.url(site));
            }
            return sites;
        } catch (RuntimeException e) {
            sites.close();
            throw e;
        }
    }

    public ServiceProcess site(String site) {
        return sites.get(site);
    }

    public RedisSentinelSet redis() {
        return redis;
    }

    public String url(String site) {
        return "http://127.0.0.1:" + ports.get(site);
    }

    /** Starts (again) a site's session-service on its port and waits until it is ready. */
    public ServiceProcess startSite(String site) {
        Map<String, String> properties = new HashMap<>(redis.serviceProperties("session-service"));
        properties.put("mobility.site", site);
        properties.put("quarkus.config.locations", companies.toUri().toString());
        properties.put("session.site.gateway-ready-url", gateways.url());
        properties.putAll(serviceTokenKey.properties());
        ServiceProcess process = ServiceProcess.start("session-service-" + site, ServiceProcess.module("session-service"),
                ports.get(site), properties).awaitReady(READY);
        sites.put(site, process);
        return process;
    }

    /** A new session on a site, as login-service creates it; its token. */
    public Answer createSession(String site, String username) {
        return http.send("POST", url(site) + "/internal/v1/sessions", Map.of("companyCode", COMPANY,
                "user", Map.of("username", username, "connectUserId", "u-" + username),
                "instance", Map.of("role", DemoCompany.PRIMARY.role(), "instanceId", DemoCompany.PRIMARY.instanceId(),
                        "region", DemoCompany.PRIMARY.region())), serviceTokenKey.header("login-service", "session-service"));
    }

    public Answer session(String site, String token) {
        return http.send("GET", url(site) + "/api/v1/session", null, Map.of("Authorization", "Bearer " + token));
    }

    public Answer activeServer(String site, String token) {
        return http.send("GET", url(site) + "/api/v1/servers/active", null,
                token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
    }

    /** Where new logins start, as a site answers. */
    public Answer loginServer(String site) {
        return http.send("GET", url(site) + "/api/v1/servers/active?companyCode=" + COMPANY, null, Map.of());
    }

    /** Entries queued on the notification stream (WAKE pushes of takeovers, here). */
    public long queuedPushes() {
        String out = redis.onMaster("XLEN", RedisKeys.notifications()).trim();
        return out.isEmpty() ? -1 : Long.parseLong(out);
    }

    /** Who took over a site, as {@code <survivor>:<epoch>}, or "" when nobody holds it. */
    public String takeoverOf(String site) {
        return redis.onMaster("GET", RedisKeys.siteTakeover(site)).trim();
    }

    @Override
    public void close() {
        sites.values().forEach(ServiceProcess::close);
        gateways.close();
        redis.close();
    }

    /** A companies file with the demo company on both sites, for session-services started apart. */
    public static Path writeCompanies() {
        try {
            return CompaniesFile.write(Files.createTempFile("companies-", ".properties"), "The demo company.",
                    DemoCompany.siteProperties("https://m1.acme.example", "https://m2.acme.example",
                            "https://login.acme.example/realms/agents"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
