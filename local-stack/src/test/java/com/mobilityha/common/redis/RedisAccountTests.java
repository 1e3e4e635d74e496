package com.mobilityha.common.redis;

import com.mobilityha.common.config.MissingSecret;
import io.vertx.redis.client.RedisOptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedisAccountTests {
    private static final List<String> SENTINELS = List.of("rediss://sentinel-a:26379", "rediss://sentinel-b:26379/0?x=1");

    @Test
    void everySentinelIsAskedAsTheServicesUserWithItsPasswordEscaped() {
        RedisOptions options = new RedisOptions().setEndpoints(SENTINELS);
        new RedisAccount("session-service", Optional.of("p@ss:w/rd"), true).customize("<default>", options);
        assertEquals(List.of("rediss://session-service:p%40ss%3Aw%2Frd@sentinel-a:26379",
                "rediss://session-service:p%40ss%3Aw%2Frd@sentinel-b:26379/0?x=1"), options.getEndpoints());
    }

    @Test
    void aHostThatNamesItsOwnUserIsLeftAsItIs() {
        RedisOptions options = new RedisOptions().setEndpoints(List.of("rediss://other:secret@redis:6379"));
        new RedisAccount("session-service", Optional.of("pw"), true).customize("<default>", options);
        assertEquals(List.of("rediss://other:secret@redis:6379"), options.getEndpoints());
    }

    @Test
    void productionRefusesToStartWithoutAPasswordAndSaysWhichSettingWithoutAnyValue() {
        RedisOptions options = new RedisOptions().setEndpoints(SENTINELS);
        MissingSecret refused = assertThrows(MissingSecret.class,
                () -> new RedisAccount("notifier-service", Optional.empty(), true).customize("<default>", options));
        assertTrue(refused.getMessage().contains("mobility.redis.password is not set"), refused.getMessage());
        assertTrue(refused.getMessage().contains("notifier-service"), refused.getMessage());
    }

    @Test
    void productionRefusesPlainTextRedisAndNeverShowsThePassword() {
        RedisOptions options = new RedisOptions().setEndpoints(List.of("rediss://a:26379", "redis://b:26379"));
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new RedisAccount("login-service", Optional.of("hunter2"), true).customize("<default>", options));
        assertTrue(refused.getMessage().contains("rediss://"), refused.getMessage());
        assertTrue(refused.getMessage().contains(" b "), "names the plain-text host: " + refused.getMessage());
        assertFalse(refused.getMessage().contains("hunter2"));
    }

    @Test
    void developmentWithoutAPasswordUsesTheHostsAsConfigured() {
        RedisOptions options = new RedisOptions().setEndpoints(List.of("redis://localhost:6379"));
        new RedisAccount("login-service", Optional.empty(), false).customize("<default>", options);
        assertEquals(List.of("redis://localhost:6379"), options.getEndpoints());
    }
}
