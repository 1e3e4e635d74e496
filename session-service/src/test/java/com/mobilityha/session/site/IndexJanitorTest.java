package com.mobilityha.session.site;

import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import com.mobilityha.localstack.quarkustest.RedisSentinelResource;
import com.mobilityha.localstack.session.TestSessions;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(RedisSentinelResource.class)
class IndexJanitorTest {
    @Inject
    RedisDataSource redis;

    @Inject
    IndexJanitor janitor;

    @Test
    void idsOfExpiredSessionsLeaveEveryIndexAndLiveOnesStay() {
        // site secondary beats, so that its sessions are not taken over while the janitor sweeps
        redis.value(String.class).set(RedisKeys.siteHeartbeat("secondary"), "test", new SetArgs().px(60_000));
        TestSessions.create(redis, "globex", "kim", "u-kim", new InstanceRef("primary", "i-9", "eu-west-1"), "secondary");
        String live = redis.set(String.class).smembers("mha:idx:company:globex").iterator().next();
        for (String index : Set.of("mha:idx:company:globex", "mha:idx:instance:i-9", "mha:idx:site:secondary",
                "mha:idx:user:globex:kim")) {
            redis.set(String.class).sadd(index, "expired-1", "expired-2");
        }

        assertTrue(janitor.sweep() >= 8, "two dead ids removed from each of the four indexes");
        for (String index : Set.of("mha:idx:company:globex", "mha:idx:instance:i-9", "mha:idx:site:secondary",
                "mha:idx:user:globex:kim")) {
            assertEquals(Set.of(live), redis.set(String.class).smembers(index), index);
        }
    }
}
