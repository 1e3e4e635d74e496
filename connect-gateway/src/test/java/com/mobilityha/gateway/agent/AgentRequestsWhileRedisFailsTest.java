package com.mobilityha.gateway.agent;

import com.mobilityha.gateway.testing.ConnectSimulatorResource;
import com.mobilityha.localstack.quarkustest.RedisOutage;
import com.mobilityha.localstack.quarkustest.RedisServerResource;
import com.mobilityha.localstack.session.TestSessions;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static com.mobilityha.localstack.demo.DemoCompany.PRIMARY;
import static io.restassured.RestAssured.given;

/** Redis trouble while an agent's request is served: the app is told to retry (503 with Retry-After), never a 500. */
@QuarkusTest
@QuarkusTestResource(RedisServerResource.class)
@QuarkusTestResource(ConnectSimulatorResource.class)
class AgentRequestsWhileRedisFailsTest {
    @Inject
    RedisDataSource redis;

    @Test
    void theAgentStatusesWhileRedisIsFrozenAreA503ToRetry() {
        String session = TestSessions.create(redis, "acme", "alice", "c-alice", PRIMARY);
        try (RedisOutage ignored = RedisOutage.frozen()) {
            RedisOutage.assertRetryLater(given().header("Authorization", "Bearer " + session)
                    .get("/api/v1/agent/statuses").then());
        }
    }
}
