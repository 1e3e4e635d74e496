package com.mobilityha.systemtests.security;

import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.localstack.demo.DemoCompany;
import com.mobilityha.localstack.process.ServiceProcess;
import com.mobilityha.localstack.redis.RedisProcess;
import com.mobilityha.localstack.redis.RedisSecurity;
import com.mobilityha.localstack.redis.RedisSentinelSet;
import com.mobilityha.systemtests.app.AppClient;
import com.mobilityha.systemtests.junit.OnLocalStack;
import com.mobilityha.systemtests.junit.StackKind;
import com.mobilityha.systemtests.stack.LocalStack;
import com.mobilityha.systemtests.stack.Site;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * R5, an attacker on the network between the sites and Redis, or holding one service's Redis password:
 * the data set both sites share (nodes and Sentinels) answers only TLS and only its ACL users
 * (k8s/redis), and one service's password reaches neither another service's keys nor any command that
 * could wipe, reconfigure or fail over Redis. The services themselves, each its own user, are never refused
 * (checked here, and by every stack when it stops); this class's own refused attempts are cleared after it.
 */
@OnLocalStack(StackKind.TWO_SITES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisAttacksTest {

    private static LocalStack stack;
    private static final RedisSecurity security = RedisSecurity.local();

    @BeforeAll
    static void onSites(LocalStack started) {
        stack = started;
    }

    /** The attempts this class made with the services' passwords are not the services' own: the stack's check ignores them. */
    @AfterAll
    static void forgetTheseAttempts() {
        ports().forEach(port -> RedisProcess.cli(port, "ACL", "LOG", "RESET"));
    }

    /** First, before this class's own refused attempts: whatever the stack did so far, Redis refused no service. */
    @Test
    @Order(1)
    void R5_everyServiceWorksAsItsOwnRedisUserAndNoneWasEverRefused() throws IOException {
        AppClient phone = stack.newApp();
        assertEquals(201, phone.login(LocalStack.COMPANY, DemoCompany.generatedAgent(971), LocalStack.PASSWORD).status());
        assertEquals(200, phone.session().status());
        assertEquals(204, phone.logout().status());

        String clients = stack.onRedis("CLIENT", "LIST");
        for (String service : Site.SERVICES) {
            assertTrue(clients.contains("user=" + service), service + " is connected as its own user: " + clients);
        }
        assertFalse(clients.contains("user=default"), "nobody is connected without a user");
        assertEquals(List.of(), stack.redisRefusals(), "Redis refused none of the services anything");
        for (String service : Site.SERVICES) {
            for (ServiceProcess replica : stack.site("primary").replicas(service)) {
                assertFalse(Files.readString(replica.log()).contains(security.password(service)),
                        service + "'s log never shows its Redis password");
            }
        }
    }

    @Test
    @Order(2)
    void Attack_useRedisOrASentinelWithoutAPassword_refused() {
        for (int port : ports()) {
            String anonymous = RedisProcess.cliWith(security.tlsCliArguments(), port, "PING");
            assertTrue(anonymous.contains("NOAUTH"), port + " refuses a client that did not log in: " + anonymous);
            List<String> guessing = new ArrayList<>(security.tlsCliArguments());
            guessing.addAll(List.of("--user", "default", "--pass", "redis"));
            String guessed = RedisProcess.cliWith(guessing, port, "PING");
            assertFalse(guessed.contains("PONG"), port + " has no usable default user: " + guessed);
        }
    }

    @Test
    @Order(3)
    void Attack_talkToRedisInPlainText_noAnswer() throws IOException {
        for (int port : ports()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                socket.setSoTimeout(2000);
                socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                assertFalse(readWhatComes(socket.getInputStream()).contains("PONG"), port + " speaks only TLS");
            }
        }
    }

    @Test
    @Order(4)
    void Attack_useTheNotifiersStolenRedisPassword_noOtherServicesSecretsNoSessionWritesNoWipe() {
        AppClient phone = stack.newApp();
        assertEquals(201, phone.login(LocalStack.COMPANY, DemoCompany.generatedAgent(972), LocalStack.PASSWORD).status());
        int master = stack.redisMasterPort();
        List<String> notifier = security.cliArguments("notifier-service");

        assertNoPermission(RedisProcess.cliWith(notifier, master, "GET", RedisKeys.idpRefreshToken("any")), "IdP refresh tokens");
        assertNoPermission(RedisProcess.cliWith(notifier, master, "HGETALL", RedisKeys.ssoIdentities(DemoCompany.CODE)),
                "SSO identities");
        assertNoPermission(RedisProcess.cliWith(notifier, master, "SET", RedisKeys.sessionByTokenHash("forged"), "{}"),
                "writing a session");
        assertNoPermission(RedisProcess.cliWith(notifier, master, "FLUSHALL"), "FLUSHALL");
        assertNoPermission(RedisProcess.cliWith(notifier, master, "EVAL", "return redis.call('FLUSHALL')", "0"),
                "FLUSHALL from Lua");
        assertNoPermission(RedisProcess.cliWith(notifier, master, "KEYS", "*"), "KEYS");
        assertNoPermission(RedisProcess.cliWith(notifier, master, "CONFIG", "SET", "maxmemory", "1"), "CONFIG SET");
        assertNoPermission(RedisProcess.cliWith(notifier, master, "REPLICAOF", "127.0.0.1", "1"), "REPLICAOF");
        assertNoPermission(RedisProcess.cliWith(notifier, master, "ACL", "SETUSER", "notifier-service", "+@all"),
                "ACL SETUSER");

        assertEquals(200, phone.session().status(), "the agent's session is untouched");
        assertEquals(204, phone.logout().status());
    }

    @Test
    @Order(5)
    void Attack_useAServicesStolenPasswordOnTheSentinels_cannotMoveOrReconfigureTheMaster() {
        int master = stack.redisMasterPort();
        List<String> sessionService = security.cliArguments("session-service");
        for (int sentinel : sentinelPorts()) {
            String name = RedisSentinelSet.MASTER_NAME;
            assertNoPermission(RedisProcess.cliWith(sessionService, sentinel, "SENTINEL", "FAILOVER", name), "SENTINEL FAILOVER");
            assertNoPermission(RedisProcess.cliWith(sessionService, sentinel, "SENTINEL", "SET", name, "quorum", "1"),
                    "SENTINEL SET");
            assertNoPermission(RedisProcess.cliWith(sessionService, sentinel, "SENTINEL", "REMOVE", name), "SENTINEL REMOVE");
            assertTrue(RedisProcess.cliWith(sessionService, sentinel, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", name)
                    .contains(String.valueOf(master)), "it still finds the master");
        }
        assertEquals(master, stack.redisMasterPort(), "the master did not move");
    }

    private static void assertNoPermission(String reply, String what) {
        // a command refused outright is NOPERM; one a Lua script tries is refused as the script's error
        assertTrue(reply.contains("NOPERM") || reply.contains("can't run this command"), what + " is refused: " + reply);
    }

    private static List<Integer> ports() {
        return stack.redisServers().stream().map(uri -> URI.create(uri).getPort()).toList();
    }

    private static List<Integer> sentinelPorts() {
        List<Integer> sentinels = ports().stream().filter(port -> RedisProcess.cli(port, "ROLE").startsWith("sentinel")).toList();
        assertEquals(3, sentinels.size(), "the stack has three Sentinels");
        return sentinels;
    }


    private static String readWhatComes(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            int read = in.read(buffer);
            return read < 0 ? "" : new String(buffer, 0, read, StandardCharsets.US_ASCII);
        } catch (IOException closedOrSilent) {
            return "";
        }
    }
}
