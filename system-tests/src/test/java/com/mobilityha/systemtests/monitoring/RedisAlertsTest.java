package com.mobilityha.systemtests.monitoring;

import com.mobilityha.localstack.process.Poll;
import com.mobilityha.localstack.redis.RedisProcess;
import com.mobilityha.localstack.redis.RedisSentinelSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Redis alerts against real servers: a Redis master, its replica and three Sentinels, scraped by the
 * demo's Prometheus through redis_exporter. Each fault an operator must hear of before it becomes an outage
 * is made for real, and the alert that names it turns pending (its condition holds; it fires once it has
 * held for the rule's {@code for}, which promtool's unit tests check). The faults build on each other, so
 * the tests run in order on one Redis set.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisAlertsTest {
    private static final Duration SOON = Duration.ofSeconds(30);

    static RedisSentinelSet redis;
    static LocalPrometheus prometheus;

    @BeforeAll
    static void watchTheRedisSet() {
        redis = RedisSentinelSet.start();
        prometheus = LocalPrometheus.start(Map::of, redis.serverUris());
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @Order(1)
    void aHealthySetIsScrapedWholeAndRaisesNoRedisAlert() {
        assertTrue(Poll.until(() -> prometheus.seriesCount("redis_up == 1") == 5, SOON),
                "the master, the replica and three Sentinels scraped");
        assertTrue(Poll.until(() -> prometheus.seriesCount("redis_sentinel_master_ok_sentinels == 3") == 3, SOON),
                "each Sentinel knows the other two");
        assertEquals(1, prometheus.seriesCount("redis_connected_slaves == 1 and on (instance) redis_instance_info{role=\"master\"}"));
        Poll.sleep(3_000); // three more rule evaluations
        assertEquals(List.of(), redisAlerts(prometheus.pending()));
        assertEquals(List.of(), redisAlerts(prometheus.firing()));
    }

    @Test
    @Order(2)
    void aReplicaThatStopsAcknowledgingIsLagging() {
        RedisProcess replica = redis.replica();
        replica.freeze();
        assertTrue(awaitPending("RedisReplicaLagging"), "a frozen replica lags 10 s behind");
        replica.close(); // SIGKILL: its connection to the master closes
        assertTrue(awaitPending("RedisReplicaMissing"), "the master has no replica");
    }

    @Test
    @Order(3)
    void aLostSentinelWarnsAndASecondLossLosesTheQuorum() {
        redis.killSentinel();
        assertTrue(awaitPending("RedisSentinelDown"), "the other Sentinels see one of three down");
        redis.killSentinel();
        assertTrue(awaitPending("RedisSentinelQuorumLost"), "one Sentinel left of a quorum of two");
    }

    private static boolean awaitPending(String alert) {
        return Poll.until(() -> prometheus.pending().stream().anyMatch(a -> a.name().equals(alert)), SOON);
    }

    private static List<String> redisAlerts(List<LocalPrometheus.Alert> alerts) {
        return alerts.stream().map(LocalPrometheus.Alert::name).filter(name -> name.startsWith("Redis")).toList();
    }
}
