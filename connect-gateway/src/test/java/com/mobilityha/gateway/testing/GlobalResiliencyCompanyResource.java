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
import static com.mobilityha.localstack.demo.GlobalResiliencyCompany.REPLICA;
import static com.mobilityha.localstack.demo.GlobalResiliencyCompany.SOURCE;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Adds the Global Resiliency company {@code initech} (automatic policy) to the gateway under test, with a
 * traffic distribution watch of one second; only the class annotated with it runs with it (restrictToAnnotatedClass):
 * the other tests count the gateway's instances and companies as they are.
 */
public class GlobalResiliencyCompanyResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        Map<String, String> properties = new HashMap<>(
                GlobalResiliencyCompany.siteProperties("https://m1.initech.example", "https://m2.initech.example"));
        properties.put("gateway.global-resiliency.poll-interval", "1s");
        return properties;
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
