package com.mobilityha.common.instance;

import com.mobilityha.common.config.MobilityConfig;
import com.mobilityha.common.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Instance states shared by both sites in Redis ({@code mha:connect-instance:<id>}, read as a
 * {@link SharedInstanceState}), and the views they are decided from
 * ({@code mha:connect-instance-views:<id>}: one field per warm gateway pod of either site,
 * {@code <VIEW>@<Redis time in ms>}, the view being a state or {@link #SUSPECT}; and {@code :since},
 * the Redis time in ms since when the pods have been reporting without a gap).
 * <p>
 * Every probe round, each probing pod reports its view and may propose a transition. A transition is
 * a compare-and-set that bumps an epoch: of two pods proposing the same transition, exactly one gets
 * the new epoch and does its duties. One pod's view is not the company's truth, so UP to DOWN takes
 * a quorum: <em>no</em> fresh view of any pod sees the instance answering (an answer is hard evidence,
 * a missing one is not); <em>every live site</em> (its heartbeat lives) has a fresh view of a pod of
 * its own that does not get answers either (one site's broken link to Connect is that site's
 * problem, not the company's); the pods have been reporting for at least one freshness period (after
 * Redis lost the views, every pod must have had its say again); and the DOWN is seen by two pods, or
 * by one pod that has been warm for its probation. An instance that answers again (DOWN to UP) needs
 * one pod's view: an answer cannot be produced by a slow JVM.
 */
@ApplicationScoped
public class ConnectInstanceStates {
    /**
     * KEYS: state hash, views hash, then the heartbeat of every site. ARGV: this pod's view (a state or
     * SUSPECT), its id, proposed state ('' for none), now (ISO, for 'since'), site, view freshness in
     * ms, '1' when this pod is past its probation, then the name of every site (as the heartbeats).
     * Returns {new epoch or 0, state before ('' if none), state after ('' if none)}.
     */
    private static final String VOTE = """
            local clock = redis.call('TIME')
            local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
            local fresh = tonumber(ARGV[6])
            local since = tonumber(redis.call('HGET', KEYS[2], ':since'))
            if not since then
              since = now
              redis.call('HSET', KEYS[2], ':since', now)
            end
            redis.call('HSET', KEYS[2], ARGV[2], ARGV[1] .. '@' .. now)
            local answering, down = 0, 0
            local failingAt = {}
            local views = redis.call('HGETALL', KEYS[2])
            for i = 1, #views, 2 do
              local state, at = string.match(views[i + 1], '^(%u+)@(%d+)$')
              if views[i] == ':since' then
                -- when the pods started reporting (again)
              elseif at == nil or now - tonumber(at) > fresh then
                redis.call('HDEL', KEYS[2], views[i])
              elseif state == 'DOWN' or state == 'SUSPECT' then
                if state == 'DOWN' then down = down + 1 end
                failingAt[string.match(views[i], '^([^/]*)/') or ''] = true
              else
                answering = answering + 1
              end
            end
            local unheard = 0
            for i = 3, #KEYS do
              if redis.call('EXISTS', KEYS[i]) == 1 and not failingAt[ARGV[5 + i]] then unheard = unheard + 1 end
            end
            redis.call('PEXPIRE', KEYS[2], fresh * 10)
            local current = redis.call('HGET', KEYS[1], 'state')
            if not current and (ARGV[1] == 'UP' or ARGV[1] == 'DEGRADED') then
              redis.call('HSET', KEYS[1], 'state', ARGV[1], 'since', ARGV[4], 'by', ARGV[5], 'epoch', 0)
              return {0, '', ARGV[1]}
            end
            local proposed = ARGV[3]
            if proposed == '' or current == proposed then return {0, current or '', current or ''} end
            if proposed == 'DOWN' and (answering > 0 or unheard > 0 or now - since < fresh
                or (down < 2 and ARGV[7] ~= '1')) then
              return {0, current or '', current or ''}
            end
            local epoch = redis.call('HINCRBY', KEYS[1], 'epoch', 1)
            redis.call('HSET', KEYS[1], 'state', proposed, 'since', ARGV[4], 'by', ARGV[5])
            return {epoch, current or '', proposed}""";

    /** KEYS: views hash, state hash. Returns {Redis time in ms, shared state or '', field, value, field, value, …}. */
    private static final String OBSERVE = """
            local clock = redis.call('TIME')
            local result = {tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000),
                            redis.call('HGET', KEYS[2], 'state') or ''}
            local views = redis.call('HGETALL', KEYS[1])
            for i = 1, #views do result[#result + 1] = views[i] end
            return result""";

    /**
     * The view of a pod whose last probe failed but that does not hold the instance DOWN yet: it
     * neither vetoes a DOWN (it got no answer) nor confirms one.
     */
    public static final String SUSPECT = "SUSPECT";

    private final RedisDataSource redis;
    private final String site;
    private final String pod;

    @Inject
    ConnectInstanceStates(RedisDataSource redis, MobilityConfig mobility) {
        this(redis, mobility.site(), mobility.site() + "/" + ManagementFactory.getRuntimeMXBean().getName());
    }

    /**
     * @param site this process's site
     * @param pod  this process's name among the pods of both sites (a gateway's views are filed under it)
     */
    public ConnectInstanceStates(RedisDataSource redis, String site, String pod) {
        this.redis = redis;
        this.site = site;
        this.pod = pod;
    }

    /** The instance's shared state; empty until a pod has recorded one. */
    public Optional<SharedInstanceState> read(String instanceId) {
        Map<String, String> fields = redis.hash(String.class).hgetall(RedisKeys.connectInstance(instanceId));
        if (fields.get("state") == null) {
            return Optional.empty();
        }
        return Optional.of(new SharedInstanceState(InstanceState.valueOf(fields.get("state")),
                Instant.parse(fields.get("since")), fields.get("by"), Long.parseLong(fields.getOrDefault("epoch", "0"))));
    }

    /**
     * What a pod that does not probe the instance itself goes by, in one round trip: the shared state
     * and the pods' views younger than {@code fresh}, each with its age by Redis's clock.
     */
    public Observation observe(String instanceId, Duration fresh) {
        Response answer = redis.execute("EVAL", OBSERVE, "2", RedisKeys.connectInstanceViews(instanceId),
                RedisKeys.connectInstance(instanceId));
        long now = answer.get(0).toLong();
        Map<String, PodView> views = new LinkedHashMap<>();
        for (int i = 2; i + 1 < answer.size(); i += 2) {
            String pod = answer.get(i).toString();
            String[] value = answer.get(i + 1).toString().split("@");
            if (pod.startsWith(":") || value.length != 2) {
                continue;
            }
            long age = now - Long.parseLong(value[1]);
            if (age <= fresh.toMillis()) {
                views.put(pod, new PodView(pod.substring(0, Math.max(0, pod.indexOf('/'))), value[0], age));
            }
        }
        return new Observation(state(answer.get(1)), views);
    }

    /**
     * The shared state of an instance and the pods' fresh views of it.
     *
     * @param shared the shared state (null when none is recorded yet)
     * @param views  fresh views by pod ({@code <site>/<pod>})
     */
    public record Observation(InstanceState shared, Map<String, PodView> views) {
    }

    /**
     * One pod's view of an instance.
     *
     * @param site      the pod's site
     * @param view      a state's name, or {@link #SUSPECT}
     * @param ageMillis how long ago it was reported
     */
    public record PodView(String site, String view, long ageMillis) {
        /** True unless the pod sees the instance UP: something is wrong or may be. */
        public boolean alarming() {
            return !view.equals(InstanceState.UP.name());
        }
    }

    /** This process's name among the pods of both sites ({@code <site>/<pod>}). */
    public String pod() {
        return pod;
    }

    /** This process's site. */
    public String site() {
        return site;
    }

    /**
     * Reports this pod's view of an instance (a state, or {@link #SUSPECT}; an answering view is also
     * the first shared state when none is recorded) and proposes a state; null proposes nothing.
     *
     * @param pastProbation whether this pod has been warm long enough to confirm a DOWN alone
     * @param fresh         how long a pod's view counts
     * @param sites         every site (a live one must see the instance failing too)
     */
    public Vote vote(String instanceId, String view, InstanceState proposed, boolean pastProbation,
                     Duration fresh, Collection<String> sites) {
        List<String> arguments = new ArrayList<>();
        arguments.addAll(List.of(VOTE, Integer.toString(2 + sites.size()), RedisKeys.connectInstance(instanceId),
                RedisKeys.connectInstanceViews(instanceId)));
        sites.forEach(s -> arguments.add(RedisKeys.siteHeartbeat(s)));
        arguments.addAll(List.of(view, pod, proposed == null ? "" : proposed.name(), Instant.now().toString(), site,
                Long.toString(fresh.toMillis()), pastProbation ? "1" : "0"));
        arguments.addAll(sites);
        Response result = redis.execute("EVAL", arguments.toArray(String[]::new));
        return new Vote(result.get(0).toLong(), state(result.get(1)), state(result.get(2)));
    }

    private static InstanceState state(Response value) {
        String name = value.toString();
        return name.isEmpty() ? null : InstanceState.valueOf(name);
    }

    /**
     * The outcome of a vote.
     *
     * @param epoch    the new epoch when this pod made the transition, else 0
     * @param previous the shared state before (null when none was recorded yet)
     * @param shared   the shared state after (null when none is recorded yet)
     */
    public record Vote(long epoch, InstanceState previous, InstanceState shared) {
        /** True when this pod made the transition and so does its duties. */
        public boolean won() {
            return epoch > 0;
        }
    }
}
