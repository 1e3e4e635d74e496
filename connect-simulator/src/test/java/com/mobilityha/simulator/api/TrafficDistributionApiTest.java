package com.mobilityha.simulator.api;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.connect.ConnectClient;
import software.amazon.awssdk.services.connect.model.AccessDeniedException;
import software.amazon.awssdk.services.connect.model.AgentConfig;
import software.amazon.awssdk.services.connect.model.Distribution;
import software.amazon.awssdk.services.connect.model.GetTrafficDistributionResponse;
import software.amazon.awssdk.services.connect.model.InvalidRequestException;
import software.amazon.awssdk.services.connect.model.ResourceNotFoundException;
import software.amazon.awssdk.services.connect.model.SignInConfig;
import software.amazon.awssdk.services.connect.model.SignInDistribution;
import software.amazon.awssdk.services.connect.model.StringComparisonType;
import software.amazon.awssdk.services.connect.model.TelephonyConfig;
import software.amazon.awssdk.services.connect.model.ThrottlingException;
import software.amazon.awssdk.services.connect.model.TrafficDistributionGroupStatus;
import software.amazon.awssdk.services.connect.model.TrafficDistributionGroupSummary;
import software.amazon.awssdk.services.connect.model.UpdateTrafficDistributionRequest;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Amazon Connect Global Resiliency in the simulator (on raised quotas except where throttling is tested), driven with the real AWS SDK v2 Connect client
 * signing for each Region, as the gateway will: the seeded pair initech-source (us-east-1) and its
 * replica (us-west-2), their default group and a non-default one.
 */
@QuarkusTest
class TrafficDistributionApiTest {
    static final String SOURCE = "a1b2c3d4-0000-4000-8000-000000000004";
    static final String REPLICA = "a1b2c3d4-0000-4000-8000-000000000005";
    static final String GROUP = "7d1f0b6e-5c2a-4e3b-9a41-0c8d2e6f1a00";
    static final String GROUP_ARN = "arn:aws:connect:us-east-1:123456789012:traffic-distribution-group/" + GROUP;
    static final String OTHER_GROUP = "7d1f0b6e-5c2a-4e3b-9a41-0c8d2e6f1a01";

    @TestHTTPResource("/")
    URI base;

    ConnectClient east;
    ConnectClient west;

    @BeforeEach
    void clients() {
        quotaProfile("raised");
        given().post("/admin/reset").then().statusCode(200);
        east = client(Region.US_EAST_1);
        west = client(Region.US_WEST_2);
    }

    @AfterEach
    void close() {
        east.close();
        west.close();
        given().delete("/admin/instances/" + SOURCE + "/faults").then().statusCode(200);
    }

    @Test
    void bothRegionsListTheGroupsOfThePairAndDescribeThem() {
        List<TrafficDistributionGroupSummary> fromSource = east.listTrafficDistributionGroups(r -> r.instanceId(SOURCE))
                .trafficDistributionGroupSummaryList();
        assertEquals(List.of(GROUP, OTHER_GROUP), fromSource.stream().map(TrafficDistributionGroupSummary::id).toList());
        assertTrue(fromSource.get(0).isDefault());
        assertFalse(fromSource.get(1).isDefault());
        assertEquals(GROUP_ARN, fromSource.get(0).arn());
        assertEquals("arn:aws:connect:us-east-1:123456789012:instance/" + SOURCE, fromSource.get(0).instanceArn());
        assertEquals(fromSource, west.listTrafficDistributionGroups(r -> r.instanceId(REPLICA)).trafficDistributionGroupSummaryList());

        List<String> paged = new ArrayList<>();
        east.listTrafficDistributionGroupsPaginator(r -> r.instanceId(SOURCE).maxResults(1))
                .forEach(page -> page.trafficDistributionGroupSummaryList().forEach(g -> paged.add(g.id())));
        assertEquals(List.of(GROUP, OTHER_GROUP), paged, "one group a page, with NextToken");

        assertEquals(TrafficDistributionGroupStatus.ACTIVE,
                west.describeTrafficDistributionGroup(r -> r.trafficDistributionGroupId(GROUP_ARN)).trafficDistributionGroup().status());
    }

    @Test
    void aReplicaStartsWithEverythingInTheSourceRegionAndAValidUpdateReadsBackInBothRegions() {
        GetTrafficDistributionResponse initial = east.getTrafficDistribution(r -> r.id(GROUP));
        assertEquals(List.of(share("us-east-1", 100), share("us-west-2", 0)), initial.telephonyConfig().distributions());
        assertEquals(List.of(share("us-east-1", 100), share("us-west-2", 0)), initial.agentConfig().distributions());
        assertEquals(List.of(signIn("us-east-1", true), signIn("us-west-2", true)), initial.signInConfig().distributions());

        east.updateTrafficDistribution(r -> r.id(GROUP).telephonyConfig(telephony(30, 70)));
        GetTrafficDistributionResponse fromReplica = west.getTrafficDistribution(r -> r.id(GROUP_ARN));
        assertEquals(List.of(share("us-east-1", 30), share("us-west-2", 70)), fromReplica.telephonyConfig().distributions());
        assertEquals(initial.agentConfig(), fromReplica.agentConfig(), "what the request did not give is unchanged");

        west.updateTrafficDistribution(r -> r.id(GROUP_ARN).telephonyConfig(telephony(0, 100))
                .signInConfig(SignInConfig.builder().distributions(signIn("us-east-1", false), signIn("us-west-2", true)).build())
                .agentConfig(AgentConfig.builder().distributions(share("us-west-2", 100), share("us-east-1", 0)).build()));
        GetTrafficDistributionResponse shifted = east.getTrafficDistribution(r -> r.id(GROUP_ARN));
        assertEquals(List.of(share("us-east-1", 0), share("us-west-2", 100)), shifted.telephonyConfig().distributions());
        assertEquals(List.of(share("us-east-1", 0), share("us-west-2", 100)), shifted.agentConfig().distributions());
        assertEquals(List.of(signIn("us-east-1", false), signIn("us-west-2", true)), shifted.signInConfig().distributions());
    }

    @Test
    void anUpdateAwsRefusesIsAnInvalidRequestAndChangesNothing() {
        assertRefused(r -> r.telephonyConfig(telephony(35, 65)), "10% increments");
        assertRefused(r -> r.telephonyConfig(telephony(60, 30)), "add up to 100%");
        assertRefused(r -> r.telephonyConfig(TelephonyConfig.builder().distributions(share("us-east-1", 100)).build()),
                "both linked Regions");
        assertRefused(r -> r.telephonyConfig(TelephonyConfig.builder()
                .distributions(share("us-east-1", 50), share("eu-west-1", 50)).build()), "both linked Regions");
        assertRefused(r -> r.telephonyConfig(TelephonyConfig.builder()
                .distributions(share("us-east-1", 50), share("us-east-1", 50)).build()), "each once");
        assertRefused(r -> r.agentConfig(AgentConfig.builder().distributions(share("us-east-1", 110), share("us-west-2", -10)).build()),
                "10% increments");
        assertRefused(r -> r.telephonyConfig(telephony(0, 100)).agentConfig(AgentConfig.builder()
                .distributions(share("us-east-1", 50), share("us-west-2", 40)).build()), "add up to 100%");
        assertRefused(r -> { }, "TelephonyConfig, SignInConfig or AgentConfig");
        assertEquals(List.of(share("us-east-1", 100), share("us-west-2", 0)),
                east.getTrafficDistribution(r -> r.id(GROUP)).telephonyConfig().distributions(),
                "no refused request changed anything, not even its valid parts");
    }

    @Test
    void signInChangesOnlyOnTheDefaultGroup() {
        SignInConfig westOnly = SignInConfig.builder().distributions(signIn("us-east-1", false), signIn("us-west-2", true)).build();
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> east.updateTrafficDistribution(r -> r.id(OTHER_GROUP).telephonyConfig(telephony(0, 100)).signInConfig(westOnly)));
        assertTrue(refused.getMessage().contains("default"), refused.getMessage());
        assertEquals(100, east.getTrafficDistribution(r -> r.id(OTHER_GROUP)).telephonyConfig().distributions().get(0).percentage());

        SignInConfig unchanged = SignInConfig.builder().distributions(signIn("us-west-2", true), signIn("us-east-1", true)).build();
        east.updateTrafficDistribution(r -> r.id(OTHER_GROUP).telephonyConfig(telephony(0, 100)).signInConfig(unchanged));
        assertEquals(0, east.getTrafficDistribution(r -> r.id(OTHER_GROUP)).telephonyConfig().distributions().get(0).percentage(),
                "a non-default group's SignInConfig may be given unchanged");
        east.updateTrafficDistribution(r -> r.id(GROUP).signInConfig(westOnly));
    }

    @Test
    void theReplicasRegionKnowsTheGroupOnlyByItsArnAndNoOtherRegionKnowsIt() {
        ResourceNotFoundException byId = assertThrows(ResourceNotFoundException.class,
                () -> west.updateTrafficDistribution(r -> r.id(GROUP).telephonyConfig(telephony(0, 100))));
        assertTrue(byId.getMessage().contains("ARN"), byId.getMessage());
        west.updateTrafficDistribution(r -> r.id(GROUP_ARN).telephonyConfig(telephony(0, 100)));

        try (ConnectClient ireland = client(Region.EU_WEST_1)) {
            assertThrows(ResourceNotFoundException.class, () -> ireland.getTrafficDistribution(r -> r.id(GROUP_ARN)));
        }
        assertThrows(ResourceNotFoundException.class,
                () -> east.getTrafficDistribution(r -> r.id("7d1f0b6e-5c2a-4e3b-9a41-0c8d2e6f1aff")));
        assertThrows(AccessDeniedException.class,
                () -> east.getTrafficDistribution(r -> r.id(GROUP_ARN.replace("123456789012", "999999999999"))));
        assertThrows(InvalidRequestException.class, () -> east.getTrafficDistribution(r -> r.id("not-a-group")));
    }

    @Test
    void eachRegionThrottlesTheOperationOnItsOwnQuota() {
        quotaProfile("aws-default");
        for (int i = 0; i < 5; i++) {
            east.getTrafficDistribution(r -> r.id(GROUP));
        }
        ThrottlingException throttled = assertThrows(ThrottlingException.class, () -> east.getTrafficDistribution(r -> r.id(GROUP)));
        assertEquals(429, throttled.statusCode());
        assertEquals(100, west.getTrafficDistribution(r -> r.id(GROUP_ARN)).telephonyConfig().distributions().get(0).percentage(),
                "us-west-2 has its own budget");
        east.updateTrafficDistribution(r -> r.id(GROUP).telephonyConfig(telephony(50, 50)));
    }

    @Test
    void whenTheSourceRegionIsDownTheReplicasRegionStillShiftsTheTraffic() {
        given().contentType(ContentType.JSON).body("{\"mode\":\"RESET\"}").put("/admin/instances/" + SOURCE + "/faults")
                .then().statusCode(200);
        assertThrows(SdkClientException.class, () -> east.getTrafficDistribution(r -> r.id(GROUP)));

        west.updateTrafficDistribution(r -> r.id(GROUP_ARN).telephonyConfig(telephony(0, 100)));
        assertEquals(100, west.getTrafficDistribution(r -> r.id(GROUP_ARN)).telephonyConfig().distributions().get(1).percentage());
    }

    @Test
    void aCustomersCallGoesToTheRegionHoldingTheTelephonyShare() {
        available(east, SOURCE, "alice");
        available(west, REPLICA, "alice");
        customerCalls("alice").statusCode(201).body("instanceId", equalTo(SOURCE)).body("region", equalTo("us-east-1"));

        east.updateTrafficDistribution(r -> r.id(GROUP).telephonyConfig(telephony(0, 100)));
        available(west, REPLICA, "bob");
        customerCalls("bob").statusCode(201).body("instanceId", equalTo(REPLICA)).body("contact.state", equalTo("CONNECTING"));
        given().get("/admin/instances/" + REPLICA + "/agents/bob").then().body("activeContacts.size()", equalTo(1));

        east.updateTrafficDistribution(r -> r.id(GROUP).telephonyConfig(telephony(50, 50)));
        available(east, SOURCE, "carol");
        available(west, REPLICA, "carol");
        List<String> landed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            io.restassured.response.ExtractableResponse<?> call = customerCalls("carol").statusCode(201).extract();
            landed.add(call.path("region"));
            given().post("/admin/calls/" + call.path("instanceId") + "/" + call.path("contact.id") + "/customer-hang-up")
                    .then().statusCode(200);
        }
        assertEquals(List.of("us-east-1", "us-west-2", "us-east-1", "us-west-2"), landed);
    }

    @Test
    void theReplicaOffersCallsOnlyToAgentsAssociatedWithItsGroupsAndAssociationIsMadeInTheSourceRegion() {
        east.updateTrafficDistribution(r -> r.id(GROUP).telephonyConfig(telephony(0, 100)));
        available(west, REPLICA, "dave");
        customerCalls("dave").statusCode(400).header("x-amzn-ErrorType", "InvalidRequestException");

        String daveAtSource = userId(east, SOURCE, "dave");
        InvalidRequestException elsewhere = assertThrows(InvalidRequestException.class,
                () -> west.associateTrafficDistributionGroupUser(r -> r.trafficDistributionGroupId(GROUP_ARN)
                        .instanceId(SOURCE).userId(daveAtSource)));
        assertTrue(elsewhere.getMessage().contains("us-east-1"), elsewhere.getMessage());
        assertThrows(ResourceNotFoundException.class, () -> east.associateTrafficDistributionGroupUser(
                r -> r.trafficDistributionGroupId(GROUP).instanceId(SOURCE).userId("00000000-0000-0000-0000-000000000000")));

        east.associateTrafficDistributionGroupUser(r -> r.trafficDistributionGroupId(GROUP).instanceId(SOURCE).userId(daveAtSource));
        customerCalls("dave").statusCode(201).body("instanceId", equalTo(REPLICA));
    }

    private io.restassured.response.ValidatableResponse customerCalls(String agent) {
        return given().contentType(ContentType.JSON).body("{\"customerNumber\":\"+14155550123\",\"agent\":\"" + agent + "\"}")
                .post("/admin/traffic-distribution-groups/" + GROUP + "/calls").then();
    }

    private static void quotaProfile(String profile) {
        given().contentType(ContentType.JSON).body("{\"profile\":\"" + profile + "\"}").put("/admin/quotas").then().statusCode(200);
    }

    private void assertRefused(Consumer<UpdateTrafficDistributionRequest.Builder> request, String why) {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> east.updateTrafficDistribution(r -> request.accept(r.id(GROUP))));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.getMessage().contains(why), refused.getMessage());
    }

    private static void available(ConnectClient connect, String instanceId, String username) {
        String available = connect.listAgentStatuses(r -> r.instanceId(instanceId)).agentStatusSummaryList().stream()
                .filter(s -> s.name().equals("Available")).findFirst().orElseThrow().id();
        connect.putUserStatus(r -> r.instanceId(instanceId).userId(userId(connect, instanceId, username)).agentStatusId(available));
    }

    private static String userId(ConnectClient connect, String instanceId, String username) {
        return connect.searchUsers(r -> r.instanceId(instanceId).searchCriteria(c -> c.stringCondition(s -> s
                .fieldName("Username").value(username).comparisonType(StringComparisonType.EXACT)))).users().get(0).id();
    }

    private static TelephonyConfig telephony(int source, int replica) {
        return TelephonyConfig.builder().distributions(share("us-east-1", source), share("us-west-2", replica)).build();
    }

    private static Distribution share(String region, int percentage) {
        return Distribution.builder().region(region).percentage(percentage).build();
    }

    private static SignInDistribution signIn(String region, boolean enabled) {
        return SignInDistribution.builder().region(region).enabled(enabled).build();
    }

    private ConnectClient client(Region region) {
        return ConnectClient.builder()
                .endpointOverride(base)
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIASIMULATOR", "secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(Duration.ofMillis(800)))
                .build();
    }
}
