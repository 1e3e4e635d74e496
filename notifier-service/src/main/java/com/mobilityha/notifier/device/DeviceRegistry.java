package com.mobilityha.notifier.device;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Devices per session in Redis: hash {@code mha:devices:<sessionId>}, one field per platform and
 * token, expiring with the session.
 */
@ApplicationScoped
public class DeviceRegistry {
    private final RedisDataSource redis;
    private final HashCommands<String, String, String> hashes;
    private final ObjectMapper mapper;

    DeviceRegistry(RedisDataSource redis, ObjectMapper mapper) {
        this.redis = redis;
        this.hashes = redis.hash(String.class, String.class, String.class);
        this.mapper = mapper;
    }

    static String key(String sessionId) {
        return "mha:devices:" + sessionId;
    }

    /** Registers (or refreshes) a device of a session that lives until {@code expiresAt}. */
    public Device register(String sessionId, Device.Platform platform, String token, String appId, Instant expiresAt) {
        Device device = new Device(platform, token, appId, Instant.now());
        String key = key(sessionId);
        hashes.hset(key, field(device), toJson(device));
        long ttl = Math.max(1, Duration.between(Instant.now(), expiresAt).toSeconds());
        redis.key().expire(key, ttl);
        return device;
    }

    public List<Device> devices(String sessionId) {
        Map<String, String> all = hashes.hgetall(key(sessionId));
        List<Device> devices = new ArrayList<>(all.size());
        all.values().forEach(json -> devices.add(fromJson(json)));
        return devices;
    }

    /** Removes a device APNs/FCM declared dead; true when it was still registered. */
    public boolean prune(String sessionId, Device device) {
        return hashes.hdel(key(sessionId), field(device)) > 0;
    }

    /** Removes every device of a session (logout). */
    public void removeAll(String sessionId) {
        redis.key().del(key(sessionId));
    }

    private static String field(Device device) {
        return device.platform() + ":" + device.token();
    }

    private String toJson(Device device) {
        try {
            return mapper.writeValueAsString(device);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Device fromJson(String json) {
        try {
            return mapper.readValue(json, Device.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored device is not readable", e);
        }
    }
}
