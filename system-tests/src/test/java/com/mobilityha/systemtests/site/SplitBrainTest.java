package com.mobilityha.systemtests.site;

import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.localstack.demo.DemoCompany;
import com.mobilityha.localstack.process.FreePorts;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.localstack.process.ReadinessStandIn;
import com.mobilityha.localstack.process.ServiceProcess;
import com.mobilityha.localstack.redis.RedisProcess;
import com.mobilityha.localstack.redis.RedisSecurity;
import com.mobilityha.localstack.servicetoken.ServiceTokenKey;
import com.mobilityha.systemtests.app.Http;
import com.mobilityha.systemtests.stack.SessionSites;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Partitions, cut with TCP proxies (netcrusher) between each site's session-service and Redis:
 * a site cut off from Redis is taken over exactly once and claims nothing back when the link
 * heals; both sites cut off at once (as in a Redis outage) leads to no takeover at all, even when
 * one site's link heals a second before the other's (it sees the other's heartbeat lapsed first).
 */
class SplitBrainTest {
    private static final int AGENTS = 10;
    private static final ServiceTokenKey SERVICE_TOKEN_KEY = ServiceTokenKey.random();
    private static RedisProcess redis;
    /** Both sites' connect-gateways, ready throughout: this test is about Redis. */
    private static ReadinessStandIn gateways;
    private static NioReactor reactor;
    private static TcpCrusher primaryLink;
    private static TcpCrusher secondaryLink;
    private static ServiceProcess primary;
    private static ServiceProcess secondary;

    @BeforeAll
    static void sitesBehindProxies() throws IOException {
        redis = RedisProcess.start();
        gateways = ReadinessStandIn.start();
        reactor = new NioReactor();
        primaryLink = link();
        secondaryLink = link();
        Path companies = SessionSites.writeCompanies();
        primary = site("primary", primaryLink, companies);
        secondary = site("secondary", secondaryLink, companies);
        Http http = new Http(Duration.ofSeconds(5));
        for (int i = 0; i < AGENTS; i++) {
            assertEquals(201, http.send("POST", primary.baseUrl() + "/internal/v1/sessions", Map.of("companyCode", DemoCompany.CODE,
                    "user", Map.of("username", "agent" + i, "connectUserId", "u-" + i),
                    "instance", Map.of("role", DemoCompany.PRIMARY.role(), "instanceId", DemoCompany.PRIMARY.instanceId(),
                            "region", DemoCompany.PRIMARY.region())), SERVICE_TOKEN_KEY.header("login-service", "session-service")).status());
        }
        sleep(4_000);
    }

    @AfterAll
    static void stop() throws IOException {
        for (ServiceProcess site : new ServiceProcess[]{primary, secondary}) {
            if (site != null) {
                site.close();
            }
        }
        for (TcpCrusher link : new TcpCrusher[]{primaryLink, secondaryLink}) {
            if (link != null) {
                link.close();
            }
        }
        if (reactor != null) {
            reactor.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (gateways != null) {
            gateways.close();
        }
    }

    @Test
    void S6_aSiteCutOffFromRedisIsTakenOverOnceAndClaimsNothingBackWhenTheLinkHeals_andACommonOutageMovesNobody() {
        primaryLink.freeze();
        await(() -> redis.cli("GET", RedisKeys.siteTakeover("primary")).equals("secondary:1"), "secondary takes over");
        await(() -> redis.cli("XLEN", RedisKeys.notifications()).equals(String.valueOf(AGENTS)), "WAKE for each agent");
        sleep(2_000);
        primaryLink.unfreeze();
        await(() -> redis.cli("GET", RedisKeys.siteTakeover("primary")).isEmpty(), "the healed site beats again");
        sleep(5_000);
        assertEquals("1", redis.cli("GET", RedisKeys.siteEpoch()), "one takeover, one epoch");
        assertEquals(String.valueOf(AGENTS), redis.cli("XLEN", RedisKeys.notifications()), "nobody woken twice");
        assertEquals("0", redis.cli("SCARD", RedisKeys.siteSessions("primary")));
        assertEquals(String.valueOf(AGENTS), redis.cli("SCARD", RedisKeys.siteSessions("secondary")), "each session has one owner");

        primaryLink.freeze();
        secondaryLink.freeze();
        sleep(5_000);
        secondaryLink.unfreeze();
        sleep(1_000);
        primaryLink.unfreeze();
        sleep(6_000);
        assertEquals("1", redis.cli("GET", RedisKeys.siteEpoch()), "a shared outage (both cut off, one healed first) is no site failure");
        assertEquals(String.valueOf(AGENTS), redis.cli("XLEN", RedisKeys.notifications()));
        assertEquals(String.valueOf(AGENTS), redis.cli("SCARD", RedisKeys.siteSessions("secondary")));
    }

    private static TcpCrusher link() {
        return TcpCrusherBuilder.builder().withReactor(reactor)
                .withBindAddress("127.0.0.1", FreePorts.next())
                .withConnectAddress("127.0.0.1", redis.port())
                .buildAndOpen();
    }

    private static ServiceProcess site(String name, TcpCrusher link, Path companies) {
        Map<String, String> properties = new HashMap<>(SERVICE_TOKEN_KEY.properties());
        properties.putAll(RedisSecurity.local().serviceProperties("session-service"));
        properties.putAll(Map.of("quarkus.redis.hosts", "rediss://127.0.0.1:" + link.getBindAddress().getPort(),
                "mobility.site", name, "mobility.write-ack.replicas", "0",
                "quarkus.config.locations", companies.toUri().toString(),
                "session.site.gateway-ready-url", gateways.url()));
        return ServiceProcess.start("session-service-" + name, ServiceProcess.module("session-service"), FreePorts.next(),
                properties).awaitReady(Duration.ofSeconds(60));
    }

    private static void await(BooleanSupplier condition, String what) {
        Poll.require(condition, what, Duration.ofSeconds(20));
    }

    private static void sleep(long millis) {
        Poll.sleep(millis);
    }
}
