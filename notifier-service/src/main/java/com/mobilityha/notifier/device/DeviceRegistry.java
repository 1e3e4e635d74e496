package com.mobilityha.notifier.device;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.mobilityha.common.redis.RedisKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Devices per session in Redis: hash {@code mha:devices:<sessionId>}, one field per platform and
 * token, expiring with the session. A session keeps at most {@link #MAX_DEVICES_PER_SESSION}: each
 * push fans out to all of them, so a stolen session token must not multiply it, and a phone whose
 * token rotated must never be refused for its stale tokens; a registration over the cap therefore
 * unregisters the session's oldest one.
 */
@ApplicationScoped
public class DeviceRegistry {
    private static final Logger LOG = Logger.getLogger(DeviceRegistry.class);
    /** Devices a session keeps (docs/app-guide.md): the phone's token, with room for tokens it rotated. */
    public static final int MAX_DEVICES_PER_SESSION = 5;
    /**
     * Sets the device, renews the TTL and unregisters the oldest other devices (registration time;
     * unreadable times and unreadable records count as oldest) while there are more than the cap, in one
     * step for all pods.
     */
    private static final String REGISTER_WITHIN_CAP = """
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            redis.call('EXPIRE', KEYS[1], ARGV[3])
            while redis.call('HLEN', KEYS[1]) > tonumber(ARGV[4]) do
              local devices = redis.call('HGETALL', KEYS[1])
              local oldest, oldestAt
              for i = 1, #devices, 2 do
                if devices[i] ~= ARGV[1] then
                  local readable, record = pcall(cjson.decode, devices[i + 1])
                  local at = readable and type(record) == 'table' and tonumber(record.registeredAt) or 0
                  if oldestAt == nil or at < oldestAt then
                    oldest, oldestAt = devices[i], at
                  end
                end
              end
              redis.call('HDEL', KEYS[1], oldest)
            end
            """;

    private final RedisDataSource redis;
    private final HashCommands<String, String, String> hashes;
    private final ObjectMapper mapper;
    private final ObjectReader deviceReader;
    private final Counter unreadable;

    DeviceRegistry(RedisDataSource redis, ObjectMapper mapper, MeterRegistry metrics) {
        this.redis = redis;
        this.unreadable = metrics.counter("notifier.devices.unreadable");
        this.hashes = redis.hash(String.class, String.class, String.class);
        this.mapper = mapper;
        this.deviceReader = mapper.readerFor(Device.class);
    }

    static String key(String sessionId) {
        return RedisKeys.devices(sessionId);
    }

    /**
     * Registers (or refreshes) a device of a session that lives until {@code expiresAt}, unregistering
     * the session's oldest device when it had the most it may keep; {@code environment} is the APNs
     * environment of the token (null for FCM).
     */
    public Device register(String sessionId, Device.Platform platform, String token, String appId,
                           Device.ApnsEnvironment environment, Instant expiresAt) {
        Device device = new Device(platform, token, appId, Instant.now(), environment);
        long ttl = Math.max(1, Duration.between(Instant.now(), expiresAt).toSeconds());
        redis.execute("EVAL", REGISTER_WITHIN_CAP, "1", key(sessionId), field(device), toJson(device),
                String.valueOf(ttl), String.valueOf(MAX_DEVICES_PER_SESSION));
        return device;
    }

    /**
     * The devices of many sessions in one pipelined round trip (a batch of stream entries), read with
     * HVALS: a record holds its platform and token, so the fields, which repeat them, are not read. A stored
     * registration that cannot be read (damaged by hand or by a bug) is skipped and counted
     * ({@code notifier.devices.unreadable}): it must not hold up the session's other devices, nor the
     * pushes read in the same batch, which would otherwise be claimed again and again.
     */
    public Map<String, List<Device>> devicesOf(Collection<String> sessionIds) {
        List<String> ids = List.copyOf(sessionIds);
        List<Request> reads = ids.stream().map(id -> Request.cmd(Command.HVALS).arg(key(id))).toList();
        List<Response> replies = ids.isEmpty() ? List.of() : redis.getReactive().getRedis().batchAndAwait(reads);
        Map<String, List<Device>> devices = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            Response records = replies.get(i);
            int count = records == null ? 0 : records.size();
            List<Device> ofSession = new ArrayList<>(count);
            for (int j = 0; j < count; j++) {
                readable(ids.get(i), records.get(j).toString()).ifPresent(ofSession::add);
            }
            devices.put(ids.get(i), ofSession);
        }
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

    private Optional<Device> readable(String sessionId, String json) {
        try {
            return Optional.of(deviceReader.readValue(json));
        } catch (JsonProcessingException e) {
            // the field and the record hold the push token: neither is logged
            LOG.warnf("A device registration of session %s is not readable; skipped", sessionId);
            unreadable.increment();
            return Optional.empty();
        }
    }
}
