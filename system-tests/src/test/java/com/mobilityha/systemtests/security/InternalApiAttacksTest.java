package com.mobilityha.systemtests.security;

import com.mobilityha.localstack.demo.DemoCompany;
import com.mobilityha.localstack.process.FreePorts;
import com.mobilityha.localstack.process.Poll;
import com.mobilityha.localstack.process.ServiceProcess;
import com.mobilityha.localstack.redis.RedisSecurity;
import com.mobilityha.localstack.servicetoken.ServiceTokenKey;
import com.mobilityha.systemtests.app.AppClient;
import com.mobilityha.systemtests.app.Http;
import com.mobilityha.systemtests.app.Http.Answer;
import com.mobilityha.systemtests.junit.OnLocalStack;
import com.mobilityha.systemtests.junit.StackKind;
import com.mobilityha.systemtests.stack.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * R5, an attacker inside the cluster: whoever reaches a pod's service port tries the cluster-internal APIs
 * (make a session for anybody, log an agent in with their own desk phone) and a service started without its
 * secrets. Each attempt is refused; the real services, calling each other with their service tokens, still
 * log agents in.
 */
@OnLocalStack(StackKind.ONE_SITE)
class InternalApiAttacksTest {
    private static final String PROBLEMS = "https://mobility-ha.example/problems/";
    private static final Map<String, Object> NEW_SESSION = Map.of("companyCode", DemoCompany.CODE,
            "user", Map.of("username", "alice", "connectUserId", "u-alice"),
            "instance", Map.of("role", DemoCompany.PRIMARY.role(), "instanceId", DemoCompany.PRIMARY.instanceId(),
                    "region", DemoCompany.PRIMARY.region()));
    private static final Map<String, Object> DESK_PHONE_LOGIN = Map.of("companyCode", DemoCompany.CODE,
            "username", "carol", "phoneNumber", "+19005550100");

    private static LocalStack stack;
    private final Http http = new Http(Duration.ofSeconds(10));

    @BeforeAll
    static void onSite(LocalStack started) {
        stack = started;
    }

    @Test
    void Attack_mintASessionTokenForAnyUserOnSessionServicesPort() {
        Answer refused = http.send("POST", url("session-service") + "/internal/v1/sessions", NEW_SESSION, Map.of());
        assertProblem(401, "service-token-required", refused);
    }

    @Test
    void Attack_pointAnAgentsDeskPhoneAtTheAttackersNumberThroughTheGatewaysInternalApi() {
        Answer refused = http.send("POST", url("connect-gateway") + "/internal/v1/agent-logins", DESK_PHONE_LOGIN, Map.of());
        assertProblem(401, "service-token-required", refused);
        assertEquals("Offline", stack.agentOnSimulator(LocalStack.PRIMARY_INSTANCE, "carol").json().path("status").asText(),
                "carol was not logged in to Connect");
    }

    @Test
    void Attack_callAnInternalApiWithTheTokenOfAServiceNotAllowedThere() {
        Answer asNotifier = http.send("POST", url("session-service") + "/internal/v1/sessions", NEW_SESSION,
                stack.serviceCall("notifier-service", "session-service"));
        assertProblem(403, "forbidden", asNotifier);
    }

    @Test
    void Attack_replayATokenMadeForSessionServiceAgainstTheGateway() {
        Answer replayed = http.send("POST", url("connect-gateway") + "/internal/v1/agent-logins", DESK_PHONE_LOGIN,
                stack.serviceCall("login-service", "session-service"));
        assertProblem(401, "service-token-required", replayed);
    }

    @Test
    void Attack_signATokenWithAGuessedKey() {
        Answer forged = http.send("POST", url("session-service") + "/internal/v1/sessions", NEW_SESSION,
                ServiceTokenKey.random().header("login-service", "session-service"));
        assertProblem(401, "service-token-required", forged);
    }

    @Test
    void R5_theServicesStillCallEachOtherWithTheirTokens() {
        AppClient phone = stack.newApp();
        Answer login = phone.login(LocalStack.COMPANY, "alice", LocalStack.PASSWORD);
        assertEquals(201, login.status(), login.body()); // login-service → gateway → session-service, all signed
        assertEquals(200, phone.session().status());
        assertEquals(201, http.send("POST", url("session-service") + "/internal/v1/sessions", NEW_SESSION,
                stack.serviceCall("login-service", "session-service")).status(), "login-service's own token works");
        assertEquals(204, phone.logout().status()); // session-service → login-service, signed
    }

    @Test
    void Attack_runLoginServiceWithoutItsSecretsOrOnPlainTextRedis_itRefusesToStartAndSaysWhich() {
        Map<String, String> noRedisPassword = new HashMap<>(Map.of("quarkus.redis.hosts", stack.redisServers().get(0)));
        assertRefusesToStart(noRedisPassword, "mobility.redis.password is not set");

        Map<String, String> plainTextRedis = new HashMap<>(RedisSecurity.local().serviceProperties("login-service"));
        plainTextRedis.put("quarkus.redis.hosts", stack.redisServers().get(0).replace("rediss://", "redis://"));
        assertRefusesToStart(plainTextRedis, "must all be rediss:// (TLS)");

        Map<String, String> noServiceKey = new HashMap<>(plainTextRedis);
        noServiceKey.put("quarkus.redis.hosts", stack.redisServers().get(0));
        assertRefusesToStart(noServiceKey, "mobility.service-token.key is not set");

        Map<String, String> noSealingKey = new HashMap<>(noServiceKey);
        noSealingKey.putAll(ServiceTokenKey.random().properties());
        noSealingKey.put("login.sso.companies.globex.redirect-uri", "com.example.app:/sso");
        noSealingKey.put("login.sso.companies.globex.instances.primary.auth-server-url", "http://127.0.0.1:1/globex");
        noSealingKey.put("login.sso.companies.globex.instances.primary.client-id", "mobility-primary");
        assertRefusesToStart(noSealingKey, "login.sso.refresh-token-key is not set");

        Map<String, String> malformedSealingKey = new HashMap<>(noSealingKey);
        malformedSealingKey.put("login.sso.refresh-token-key", "c2hvcnQ="); // "short": 5 bytes
        assertRefusesToStart(malformedSealingKey, "must each be 16 or 32 bytes");
    }

    private static void assertRefusesToStart(Map<String, String> properties, String reason) {
        try (ServiceProcess login = ServiceProcess.start("login-service-without-secrets",
                ServiceProcess.module("login-service"), FreePorts.next(), properties)) {
            assertTrue(Poll.until(() -> !login.isAlive(), Duration.ofSeconds(60)), "login-service exits");
            String log = login.logTail();
            assertTrue(log.contains(reason), "its log says why: " + log);
            assertFalse(log.contains("c2hvcnQ="), "and never the secret's value");
            assertFalse(log.contains(RedisSecurity.local().password("login-service")), "nor its Redis password");
        }
    }

    private static String url(String service) {
        return stack.services().get(service).baseUrl();
    }

    private static void assertProblem(int status, String type, Answer answer) {
        assertEquals(status, answer.status(), answer.body());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        assertEquals(PROBLEMS + type, answer.json().path("type").asText());
    }
}
