package com.mobilityha.common.site;

import com.mobilityha.common.redis.Fence;
import com.mobilityha.common.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one owner of the sites' liveness records in Redis (keys in {@link RedisKeys}): a site's
 * heartbeat (its pod name, with a TTL), the takeover record of a dead site ({@link Takeover}) and
 * the epoch that fences takeovers. Redis is the arbiter of S6: a takeover is claimed in an atomic
 * script and its sessions moved in scripts fenced by its record ({@link #fence}), so of two sites,
 * even partitioned from each other, exactly one owns it, and a site that cannot reach Redis can
 * neither beat nor claim.
 */
@ApplicationScoped
public class SiteLiveness {
    /** KEYS: heartbeat, takeover record, site index. Returns {PTTL, record or false, SCARD}. */
    private static final String OBSERVE = """
            return {redis.call('PTTL', KEYS[1]), redis.call('GET', KEYS[2]), redis.call('SCARD', KEYS[3])}""";
    /** KEYS: dead heartbeat, takeover record, dead site's sessions, epoch, own heartbeat; ARGV: survivor. */
    private static final String CLAIM = """
            if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
            if redis.call('EXISTS', KEYS[5]) == 0 or redis.call('SCARD', KEYS[3]) == 0 then return 0 end
            local epoch = redis.call('INCR', KEYS[4])
            redis.call('SET', KEYS[2], ARGV[1] .. ':' .. epoch)
            return epoch""";
    private final RedisDataSource redis;

    public SiteLiveness(RedisDataSource redis) {
        this.redis = redis;
    }

    /** What a renewal of a heartbeat found. */
    public record Beat(boolean resumed, Optional<Takeover> clearedTakeover) {
    }

    /**
     * Renews a site's heartbeat for {@code ttl} on behalf of {@code pod}. When it had lapsed, the
     * site is alive again: the record of its takeover is cleared (its sessions stay where they were moved).
     */
    public Beat beat(String site, String pod, Duration ttl) {
        String previous = redis.value(String.class).setGet(RedisKeys.siteHeartbeat(site), pod, new SetArgs().px(ttl.toMillis()));
        if (previous != null) {
            return new Beat(false, Optional.empty());
        }
        return new Beat(true, Takeover.parse(redis.value(String.class).getdel(RedisKeys.siteTakeover(site))));
    }

    /** Which of these sites' heartbeats live, and the current epoch (0 before the first takeover): one MGET. */
    public SitesNow now(List<String> sites) {
        List<String> keys = new ArrayList<>(sites.size() + 1);
        sites.forEach(site -> keys.add(RedisKeys.siteHeartbeat(site)));
        keys.add(RedisKeys.siteEpoch());
        Map<String, String> values = redis.value(String.class).mget(keys.toArray(String[]::new));
        Set<String> alive = sites.stream().filter(site -> values.get(RedisKeys.siteHeartbeat(site)) != null)
                .collect(Collectors.toSet());
        String epoch = values.get(RedisKeys.siteEpoch());
        return new SitesNow(sites, alive, epoch == null ? 0 : Long.parseLong(epoch));
    }

    /** A site's heartbeat, takeover record and session count, read in one atomic step. */
    public SiteRecord observe(String site) {
        Response answer = redis.execute("EVAL", OBSERVE, "3", RedisKeys.siteHeartbeat(site), RedisKeys.siteTakeover(site),
                RedisKeys.siteSessions(site));
        long pttl = answer.get(0).toLong();
        Response takeover = answer.get(1);
        return new SiteRecord(site, pttl >= 0 ? Optional.of(Duration.ofMillis(pttl)) : Optional.empty(),
                takeover == null ? Optional.empty() : Takeover.parse(takeover.toString()), answer.get(2).toLong());
    }

    /**
     * Claims the takeover of {@code dead} for {@code survivor}: only while the dead site's heartbeat
     * has lapsed, nobody has claimed it yet, it still serves sessions and the survivor's own
     * heartbeat lives. Returns the claim, with a new fencing epoch.
     */
    public Optional<Takeover> claim(String dead, String survivor) {
        long epoch = redis.execute("EVAL", CLAIM, "5", RedisKeys.siteHeartbeat(dead), RedisKeys.siteTakeover(dead),
                RedisKeys.siteSessions(dead), RedisKeys.siteEpoch(), RedisKeys.siteHeartbeat(survivor), survivor).toLong();
        return epoch > 0 ? Optional.of(new Takeover(survivor, epoch)) : Optional.empty();
    }

    /**
     * The fence of a takeover's writes (the re-homing of the dead site's sessions, records and index in one
     * step): they happen only while this takeover is the one on record, not once it is superseded or the dead
     * site beats again.
     */
    public Fence fence(Takeover takeover, String dead) {
        return new Fence(RedisKeys.siteTakeover(dead), takeover.record());
    }
}
