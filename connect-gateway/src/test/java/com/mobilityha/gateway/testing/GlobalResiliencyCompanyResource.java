package com.mobilityha.gateway.testing;

import com.mobilityha.gateway.connect.ConnectCalls;
import com.mobilityha.localstack.demo.GlobalResiliencyCompany;
import com.mobilityha.localstack.quarkustest.ServiceCaller;
import com.mobilityha.localstack.session.TestSessions;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.util.HashMap;
import java.util.Map;

import static com.mobilityha.localstack.demo.GlobalResiliencyCompany.CODE;
import static com.mobilityha.localstack.demo.GlobalResiliencyCompany.GROUP_ARN;
import static com.mobilityha.localstack.demo.GlobalResiliencyCompany.REPLICA;
import static com.mobilityha.localstack.demo.GlobalResiliencyCompany.SOURCE;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Adds the Global Resiliency company {@code initech} (automatic policy) to the gateway under test, with a
 * traffic distribution watch of one second, and two more companies on the same pair of instances under the
 * {@code manual} policy: {@code initrode} with the pair's other traffic distribution group, which is not the
 * default one (Connect refuses a change of its sign-in distribution), and {@code vandelay} with a group that does
 * not exist (any more) in Connect. Only the classes of {@link GlobalResiliencyProfile} run with it: the other
 * tests count the gateway's instances and companies as they are.
 */
public class GlobalResiliencyCompanyResource implements QuarkusTestResourceLifecycleManager {
    public static final String NOT_DEFAULT = "initrode";
    public static final String DELETED_GROUP = "vandelay";
    private static final String CAMPAIGNS_GROUP = GROUP_ARN.substring(0, GROUP_ARN.length() - 2) + "01";
    private static final String NO_SUCH_GROUP = GROUP_ARN.substring(0, GROUP_ARN.length() - 2) + "ff";

    @Override
    public Map<String, String> start() {
        Map<String, String> properties = new HashMap<>(
                GlobalResiliencyCompany.siteProperties("https://m1.initech.example", "https://m2.initech.example"));
        properties.put("gateway.global-resiliency.poll-interval", "1s");
        manualCompany(properties, NOT_DEFAULT, "Initrode", CAMPAIGNS_GROUP);
        manualCompany(properties, DELETED_GROUP, "Vandelay", NO_SUCH_GROUP);
        return properties;
    }

    private static void manualCompany(Map<String, String> properties, String code, String name, String group) {
        String initech = "mobility.companies." + CODE + ".";
        GlobalResiliencyCompany.siteProperties("https://m1." + code + ".example", "https://m2." + code + ".example")
                .forEach((key, value) -> properties.put("mobility.companies." + code + "." + key.substring(initech.length()), value));
        properties.put("mobility.companies." + code + ".global-resiliency.traffic-distribution-group", group);
        properties.put("mobility.companies." + code + ".global-resiliency.policy", "manual");
        properties.put("mobility.companies." + code + ".name", name);
    }

    @Override
    public void stop() {
    }

    /** Before a test: the simulator reset, both instances of the pair UP (breakers closed), Redis empty. */
    public static void bothInstancesUpAndNoSessions(String simulator, ConnectCalls calls, RedisDataSource redis) {
        given().baseUri(simulator).post("/admin/reset").then().statusCode(200);
        Await.started();
        Await.instanceState(SOURCE.instanceId(), "UP");
        Await.instanceState(REPLICA.instanceId(), "UP");
        calls.resetBreaker(SOURCE.instanceId());
        calls.resetBreaker(REPLICA.instanceId());
        redis.flushall();
        // again: until Redis was emptied its shared state could still say the source was DOWN (the test before
        // killed it), and a round of the automatic policy may have shifted the group to the replica meanwhile
        given().baseUri(simulator).post("/admin/reset").then().statusCode(200);
    }

    /** An initech agent signed in (the gateway's agent login, as login-service asks it) on the source; the session token. */
    public static String signedIn(RedisDataSource redis, String username) {
        JsonPath login = given().header(ServiceCaller.as("login-service")).contentType(ContentType.JSON)
                .body("{\"companyCode\":\"" + CODE + "\",\"username\":\"" + username + "\"}")
                .post("/internal/v1/agent-logins").then().statusCode(200).extract().jsonPath();
        assertEquals(SOURCE.instanceId(), login.getString("instance.instanceId"));
        return TestSessions.create(redis, CODE, username, login.getString("connectUserId"), SOURCE);
    }

    /** The name of the agent's status on the simulator's instance. */
    public static String agentStatus(String simulator, String instanceId, String username) {
        return given().baseUri(simulator).get("/admin/instances/" + instanceId + "/agents/" + username)
                .then().statusCode(200).extract().jsonPath().getString("status");
    }
}
