package com.mobilityha.gateway.resiliency;

import com.mobilityha.common.company.Company;
import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.ops.FailoverEvent;
import com.mobilityha.common.ops.FailoverJournal;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionRepository;
import com.mobilityha.common.session.SessionStatus;
import com.mobilityha.common.session.SessionTokens;
import com.mobilityha.gateway.connect.ConnectCalls;
import com.mobilityha.gateway.testing.Await;
import com.mobilityha.gateway.testing.ConnectSimulatorResource;
import com.mobilityha.gateway.testing.GlobalResiliencyCompanyResource;
import com.mobilityha.gateway.testing.GlobalResiliencyProfile;
import com.mobilityha.localstack.quarkustest.AdminRedis;
import com.mobilityha.localstack.quarkustest.RedisServerResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.AgentConfig;
import software.amazon.awssdk.services.connect.model.Distribution;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.mobilityha.localstack.demo.GlobalResiliencyCompany.CODE;
import static com.mobilityha.localstack.demo.GlobalResiliencyCompany.GROUP_ARN;
import static com.mobilityha.localstack.demo.GlobalResiliencyCompany.REPLICA;
import static com.mobilityha.localstack.demo.GlobalResiliencyCompany.SOURCE;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * B3 in the gateway against the simulator's Global Resiliency pair, through the real AWS SDK: the source
 * instance DOWN moves initech's agents to the replica without a new sign-in (the group shifted there, the
 * agents Available there, their sessions naming it, a WAKE saying so, a call in progress lost); a traffic
 * distribution changed by someone else is followed, each agent moved once however many pods follow it at once.
 */
@QuarkusTest
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(ConnectSimulatorResource.class)
@TestProfile(GlobalResiliencyProfile.class)
class GlobalResiliencyFailoverTest {
    @AdminRedis
    RedisDataSource redis;

    @Inject
    SessionRepository sessions;

    @Inject
    ConnectCalls calls;

    @Inject
    FailoverJournal journal;

    @Inject
    GlobalResiliencyFailover failover;

    @Inject
    CompanyDirectory companies;

    @ConfigProperty(name = "simulator.url")
    String simulator;

    @ConfigProperty(name = "simulator.metrics-url")
    String simulatorMetrics;

    @BeforeEach
    void everyInstanceHealthyAndTheSourceWorking() {
        GlobalResiliencyCompanyResource.bothInstancesUpAndNoSessions(simulator, calls, redis);
    }

    @Test
    void B3_theSourceDownMovesEveryAgentToTheReplicaWithoutANewSignIn() {
        String bob = signedIn("bob");
        String carol = signedIn("carol");
        SessionRecord onCall = find(carol);
        sessions.update(onCall, s -> Optional.of(s.withCall(new SessionRecord.ActiveCall("c-1", Instant.now()))));

        fault(SOURCE.instanceId(), "RESET");

        Await.until(() -> onReplica(bob) && onReplica(carol), "both sessions on the replica");
        for (String token : List.of(bob, carol)) {
            SessionRecord moved = find(token);
            assertEquals(SessionStatus.ACTIVE, moved.status(), "no new sign-in: the session goes on");
            assertEquals(replicaUserId(moved.user().username()), moved.user().connectUserId());
            assertEquals("Available", agentStatus(REPLICA.instanceId(), moved.user().username()));
        }
        assertNull(find(carol).call());
        assertEquals(Boolean.TRUE, find(carol).callLost(), "the call in progress was lost with the source");
        assertEquals(100, agentsShare(REPLICA.region()), "the group's agents were shifted to the replica");
        List<Map<String, String>> pushes = pushes();
        assertTrue(pushes.stream().anyMatch(p -> p.get("kind").equals("WAKE") && p.get("message").contains("call was lost")
                && find(carol).sessionId().equals(p.get("sessionId"))), pushes.toString());
        assertTrue(pushes.stream().anyMatch(p -> p.get("kind").equals("WAKE") && !p.get("message").contains("call was lost")
                && find(bob).sessionId().equals(p.get("sessionId"))), pushes.toString());
        assertTrue(pushes.stream().noneMatch(p -> p.get("kind").equals("RELOGIN")), "nobody is asked to sign in again");
        List<FailoverEvent> moves = journal.recent(CODE, 10).stream()
                .filter(e -> e.kind() == FailoverEvent.Kind.AGENTS_MOVED).toList();
        assertEquals(2, moves.stream().mapToLong(FailoverEvent::sessions).sum(), "the console's journal counts the move: " + moves);
        assertEquals(1, moves.stream().mapToLong(FailoverEvent::callsLost).sum(), "and the call lost: " + moves);
        assertTrue(moves.stream().allMatch(e -> e.subject().equals(REPLICA.role()) && !e.notificationIds().isEmpty()), moves.toString());
    }

    @Test
    void B3_aDistributionChangedBehindOurBackIsFollowed() {
        String alice = signedIn("alice");
        try (ConnectClient west = sdk(REPLICA.region())) {
            west.updateTrafficDistribution(r -> r.id(GROUP_ARN).agentConfig(AgentConfig.builder().distributions(
                    share(REPLICA.region(), 100), share(SOURCE.region(), 0)).build()));
        }

        Await.until(() -> onReplica(alice), "alice's session follows the distribution to the replica");
        assertEquals(SessionStatus.ACTIVE, find(alice).status());
        assertEquals("Available", agentStatus(REPLICA.instanceId(), "alice"));
    }

    @Test
    void B3_podsFollowingTheGroupAtOnceMoveEachAgentOnce() throws Exception {
        List<String> agents = IntStream.rangeClosed(1, 20).mapToObj(i -> String.format("agent%04d", i)).toList();
        List<String> tokens = agents.stream().map(this::signedIn).toList();
        double statuses = replicaRequests("PutUserStatus");
        try (ConnectClient west = sdk(REPLICA.region())) {
            west.updateTrafficDistribution(r -> r.id(GROUP_ARN).agentConfig(AgentConfig.builder().distributions(
                    share(REPLICA.region(), 100), share(SOURCE.region(), 0)).build()));
        }

        // beside this pod's watch, two more followers at once: the other site's watch, an instance's failover
        Company initech = companies.require(CODE);
        ExecutorService pods = Executors.newFixedThreadPool(2);
        try {
            pods.invokeAll(List.of(() -> failover.follow(initech), () -> failover.follow(initech)));
        } finally {
            pods.shutdownNow();
        }

        Await.until(() -> tokens.stream().allMatch(this::onReplica), "every session on the replica");
        // PutUserStatus is a write, never retried: a second move would show as a second one (SearchUsers, a read, may be
        // retried after a slow answer on a busy machine, so its count does not tell)
        assertEquals(agents.size(), replicaRequests("PutUserStatus") - statuses, "one PutUserStatus per agent on the replica");
        Map<String, Long> wakes = pushes().stream().filter(p -> p.get("kind").equals("WAKE"))
                .collect(Collectors.groupingBy(p -> p.get("sessionId"), Collectors.counting()));
        assertEquals(tokens.stream().map(t -> find(t).sessionId()).collect(Collectors.toMap(id -> id, id -> 1L)), wakes,
                "one WAKE per moved session");
        for (String agent : agents) {
            assertEquals("Available", agentStatus(REPLICA.instanceId(), agent));
        }
    }

    private double replicaRequests(String operation) {
        return ConnectSimulatorResource.requests(simulatorMetrics, REPLICA.instanceId(), "operation", operation);
    }

    private String signedIn(String username) {
        return GlobalResiliencyCompanyResource.signedIn(redis, username);
    }

    private SessionRecord find(String token) {
        return sessions.findByTokenHash(SessionTokens.hash(token)).orElseThrow();
    }

    private boolean onReplica(String token) {
        return find(token).instance().instanceId().equals(REPLICA.instanceId());
    }

    private String agentStatus(String instanceId, String username) {
        return GlobalResiliencyCompanyResource.agentStatus(simulator, instanceId, username);
    }

    private String replicaUserId(String username) {
        return given().baseUri(simulator).get("/admin/instances/" + REPLICA.instanceId() + "/agents/" + username)
                .then().statusCode(200).extract().jsonPath().getString("userId");
    }

    private int agentsShare(String region) {
        try (ConnectClient west = sdk(REPLICA.region())) {
            return west.getTrafficDistribution(r -> r.id(GROUP_ARN)).agentConfig().distributions().stream()
                    .filter(d -> d.region().equals(region)).findFirst().orElseThrow().percentage();
        }
    }

    private List<Map<String, String>> pushes() {
        return redis.stream(String.class)
                .xrange("mha:notifications", StreamRange.of("-", "+")).stream().map(StreamMessage::payload).toList();
    }

    private void fault(String instanceId, String mode) {
        given().baseUri(simulator).contentType(ContentType.JSON).body("{\"mode\":\"" + mode + "\"}")
                .put("/admin/instances/" + instanceId + "/faults").then().statusCode(200);
    }

    private ConnectClient sdk(String region) {
        return ConnectClient.builder().region(Region.of(region)).endpointOverride(URI.create(simulator))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIASIMULATOR", "simulator-secret"))).build();
    }

    private static Distribution share(String region, int percentage) {
        return Distribution.builder().region(region).percentage(percentage).build();
    }
}
