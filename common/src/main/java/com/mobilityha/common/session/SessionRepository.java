package com.mobilityha.common.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityha.common.redis.Fence;
import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.redis.ReplicaAcks;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one owner of the stored sessions' layout (keys in {@link RedisKeys}): the JSON record under
 * its token hash, the id → token hash reference and the company, instance, site and user indexes.
 * Reads and updates sessions by token hash (authentication) and by id, for the duties that act on
 * sessions without their token (RELOGIN on instance failure, audiences of notifications), and
 * gives session-service the writes that create and end one, which it runs as one transaction
 * acknowledged by replicas.
 * <p>
 * Every update is conditional: it is written only if the stored record still has the version the
 * updater read (checked inside one Lua script), and is otherwise applied again to the record as it is
 * now. Writing back a copy read earlier would undo what happened in between: a logout (the session
 * ACTIVE again, out of every index, its token working for hours), a RELOGIN mark, a takeover.
 */
@ApplicationScoped
public class SessionRepository {
    private static final int BATCH = 500;
    /** Lua: the version of a stored session's JSON (0 before its first update). */
    private static final String VERSION_OF = "local function versionOf(json) return cjson.decode(json).version or 0 end\n";
    /**
     * Conditional updates. KEYS: the sessions' token-hash keys. ARGV[1]: session key prefix; ARGV[2], ARGV[3]:
     * a fence key and the value it must hold ('' : no fence); ARGV[4], ARGV[5]: the indexes to move each
     * written id from and to ('' : none); then per session its id, the version it was read at and its new
     * JSON ('' : only moved). Each session is written only if still at that version: 1 written (or only
     * moved), 0 gone (moved all the same), -1 changed since (neither written nor moved). Nil when fenced out.
     */
    private static final String UPDATE = VERSION_OF + """
            if ARGV[2] ~= '' and redis.call('GET', ARGV[2]) ~= ARGV[3] then return false end
            local results = {}
            for i, ofSession in ipairs(KEYS) do
              local id, version, json = ARGV[3 + 3 * i], ARGV[4 + 3 * i], ARGV[5 + 3 * i]
              results[i] = 1
              if json ~= '' then
                local hash = redis.call('GET', ofSession)
                local stored = hash and redis.call('GET', ARGV[1] .. hash)
                if not stored then
                  results[i] = 0
                elseif versionOf(stored) ~= tonumber(version) then
                  results[i] = -1
                else
                  redis.call('SET', ARGV[1] .. hash, json, 'KEEPTTL')
                end
              end
              if results[i] >= 0 and ARGV[4] ~= '' then redis.call('SMOVE', ARGV[4], ARGV[5], id) end
            end
            return results""";
    /**
     * KEYS[1]: the session's key, KEYS[2..]: its indexes. ARGV: the version it was read at, its ENDED JSON, its id.
     * 1 ended, 0 gone, -1 changed since it was read (nothing written).
     */
    private static final String END = VERSION_OF + """
            local stored = redis.call('GET', KEYS[1])
            if not stored then return 0 end
            if versionOf(stored) ~= tonumber(ARGV[1]) then return -1 end
            redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
            for i = 2, #KEYS do redis.call('SREM', KEYS[i], ARGV[3]) end
            return 1""";

    private final RedisDataSource redis;
    private final ReplicaAcks acks;
    private final ValueCommands<String, String> values;
    private final ObjectMapper mapper;
    private final SessionCache cache;

    public SessionRepository(RedisDataSource redis, ObjectMapper mapper, ReplicaAcks acks, SessionCache cache) {
        this.redis = redis;
        this.acks = acks;
        this.cache = cache;
        this.values = redis.value(String.class, String.class);
        this.mapper = mapper;
    }

    /** The writes that store a new session for {@code ttl}: its record, its id → token hash reference, its indexes. */
    public List<Request> creation(String tokenHash, SessionRecord session, Duration ttl) {
        long ttlMillis = ttl.toMillis();
        List<Request> writes = new ArrayList<>(List.of(
                Request.cmd(Command.SET).arg(RedisKeys.sessionByTokenHash(tokenHash)).arg(write(session)).arg("PX").arg(ttlMillis),
                Request.cmd(Command.SET).arg(RedisKeys.tokenHashOfSession(session.sessionId())).arg(tokenHash)
                        .arg("PX").arg(ttlMillis)));
        indexes(session).forEach(index -> writes.add(Request.cmd(Command.SADD).arg(index).arg(session.sessionId())));
        return writes;
    }

    /**
     * The write that ends a session read at its version: its record stays, {@code ENDED}, until its TTL so that
     * every site refuses its token, and it leaves every index. Answers 1 (ended), 0 (gone) or -1 (the session
     * changed since it was read: nothing written; read it again and end that).
     */
    public Request ending(String tokenHash, SessionRecord session) {
        Request end = Request.cmd(Command.EVAL).arg(END).arg(1 + indexes(session).size())
                .arg(RedisKeys.sessionByTokenHash(tokenHash));
        indexes(session).forEach(end::arg);
        return end.arg(session.storedVersion()).arg(write(session.withStatus(SessionStatus.ENDED).nextVersion()))
                .arg(session.sessionId());
    }

    private static List<String> indexes(SessionRecord session) {
        return List.of(RedisKeys.companySessions(session.companyCode()), RedisKeys.instanceSessions(session.instance().instanceId()),
                RedisKeys.siteSessions(session.site()), RedisKeys.userSessions(session.companyCode(), session.user().username()));
    }

    /** Ids of the sessions logged in to a Connect instance. */
    public List<String> sessionsOnInstance(String instanceId) {
        return List.copyOf(redis.set(String.class).smembers(RedisKeys.instanceSessions(instanceId)));
    }

    /** Ids of the sessions of one user of a company. */
    public List<String> sessionsOfUser(String companyCode, String username) {
        return List.copyOf(redis.set(String.class).smembers(RedisKeys.userSessions(companyCode, username)));
    }

    /** Ids of the sessions of a company. */
    public List<String> sessionsOfCompany(String companyCode) {
        return List.copyOf(redis.set(String.class).smembers(RedisKeys.companySessions(companyCode)));
    }

    public Optional<SessionRecord> find(String sessionId) {
        String tokenHash = values.get(RedisKeys.tokenHashOfSession(sessionId));
        return tokenHash == null ? Optional.empty() : findByTokenHash(tokenHash);
    }

    /** The session a token hash stands for (the form in which tokens are stored). */
    public Optional<SessionRecord> findByTokenHash(String tokenHash) {
        return Optional.ofNullable(values.get(RedisKeys.sessionByTokenHash(tokenHash))).map(this::read);
    }

    /** {@link #findByTokenHash} on the reactive client, for endpoints that answer from the event loop. */
    public Uni<Optional<SessionRecord>> findByTokenHashAsync(String tokenHash) {
        return redis.getReactive().value(String.class, String.class).get(RedisKeys.sessionByTokenHash(tokenHash))
                .map(json -> Optional.ofNullable(json).map(this::read));
    }

    /** The sessions of these ids that still exist, in two round trips whatever their number. */
    public List<SessionRecord> findAll(List<String> sessionIds) {
        if (sessionIds.isEmpty()) {
            return List.of();
        }
        List<String> hashes = values.mget(sessionIds.stream().map(RedisKeys::tokenHashOfSession).toArray(String[]::new))
                .values().stream().filter(Objects::nonNull).map(RedisKeys::sessionByTokenHash).toList();
        if (hashes.isEmpty()) {
            return List.of();
        }
        return values.mget(hashes.toArray(String[]::new)).values().stream().filter(Objects::nonNull)
                .map(this::read).toList();
    }

    /** A session as it was read before an update, and as the update wrote it. */
    public record Change(SessionRecord before, SessionRecord after) {
    }

    /**
     * Applies {@code change} to a session read earlier and writes the result only if nobody wrote the session
     * since (its version); when somebody did, reads it again and applies the change to that (which may throw,
     * e.g. when it finds the session ended, or answer empty to leave it as it is). The session as written;
     * empty when it is gone or left as it was.
     */
    public Optional<SessionRecord> update(SessionRecord read, Function<SessionRecord, Optional<SessionRecord>> change) {
        return updateAll(List.of(read), change).stream().findFirst().map(Change::after);
    }

    /**
     * {@link #update} for many sessions, in one round trip per {@value #BATCH} (an instance failure touches every
     * session on the instance at once); the sessions changed.
     */
    public List<Change> updateAll(List<SessionRecord> read, Function<SessionRecord, Optional<SessionRecord>> change) {
        return write(read.stream().map(SessionRecord::sessionId).toList(), read, change, null, null, Fence.NONE, false)
                .orElseThrow();
    }

    /**
     * {@link #updateAll} whose writes are on the replicas too before it returns ({@link ReplicaAcks}; else a 503
     * {@code ReplicationLagException}, the writes perhaps on the master alone): for marks the app is then told
     * about (RELOGIN), which a Redis master failover must not undo.
     */
    public List<Change> updateAllReplicated(List<SessionRecord> read, Function<SessionRecord, Optional<SessionRecord>> change) {
        return write(read.stream().map(SessionRecord::sessionId).toList(), read, change, null, null, Fence.NONE, true)
                .orElseThrow();
    }

    /**
     * Re-homes sessions from one site to another (S6): of these ids' sessions as read earlier ({@code read}; a
     * session changed since is read again), the live ones that {@code from} serves are updated to name {@code to},
     * and every id moves from {@code from}'s index to {@code to}'s in the same atomic step, as long as
     * {@code fence} holds; the sessions changed, or empty once the fence no longer holds and nothing was written
     * (what was written before it fell, re-reading sessions that changed meanwhile, is answered: those sessions
     * did move). Safe to repeat.
     */
    public Optional<List<Change>> moveToSite(List<String> sessionIds, List<SessionRecord> read, String from, String to,
                                             Fence fence) {
        return write(sessionIds, read,
                s -> Optional.of(s).filter(live -> live.servedBy(from)).map(live -> live.withSite(to)),
                RedisKeys.siteSessions(from), RedisKeys.siteSessions(to), fence, false);
    }

    /**
     * B3: moves live sessions from one instance of an Amazon Connect Global Resiliency pair to the other without a
     * new sign-in: each session read (by id) that is still ACTIVE on {@code from} is updated to name {@code to}
     * and its user's id there ({@code userIds}: session id → Connect user id on {@code to}), and its id moves
     * from {@code from}'s index to {@code to}'s in the same atomic step; the sessions changed. Safe to repeat.
     */
    public List<Change> moveToInstance(List<SessionRecord> read, InstanceRef from, InstanceRef to,
                                       Map<String, String> userIds) {
        List<SessionRecord> moving = read.stream().filter(s -> userIds.containsKey(s.sessionId())).toList();
        return write(moving.stream().map(SessionRecord::sessionId).toList(), moving,
                s -> Optional.of(s).filter(live -> live.status() == SessionStatus.ACTIVE
                                && from.instanceId().equals(live.instance().instanceId()))
                        .map(live -> live.onInstance(to, userIds.get(live.sessionId()))),
                RedisKeys.instanceSessions(from.instanceId()), RedisKeys.instanceSessions(to.instanceId()), Fence.NONE,
                true).orElseThrow();
    }

    /**
     * The conditional writes of {@code change} to the sessions read (by id), retried on the sessions that changed
     * meanwhile, and the moves of the ids between the indexes {@code fromIndex} and {@code toIndex} (null: none).
     */
    private Optional<List<Change>> write(List<String> ids, List<SessionRecord> read,
                                         Function<SessionRecord, Optional<SessionRecord>> change,
                                         String fromIndex, String toIndex, Fence fence, boolean replicated) {
        List<Change> written = new ArrayList<>();
        List<String> pending = ids;
        List<SessionRecord> current = read;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > SessionsKeptChanging.ATTEMPTS) {
                throw new SessionsKeptChanging(pending.size());
            }
            Map<String, Change> changes = new HashMap<>();
            current.forEach(before -> change.apply(before)
                    .ifPresent(after -> changes.put(before.sessionId(), new Change(before, after.nextVersion()))));
            List<String> sent = fromIndex == null ? pending.stream().filter(changes::containsKey).toList() : pending;
            List<String> changed = new ArrayList<>();
            for (int from = 0; from < sent.size(); from += BATCH) {
                List<String> chunk = sent.subList(from, Math.min(sent.size(), from + BATCH));
                String[] args = updateArgs(chunk, changes, fromIndex, toIndex, fence);
                Response results;
                try {
                    results = replicated ? acks.send(List.of(eval(args))).get(0) : redis.execute("EVAL", args);
                } finally {
                    cache.forgetSessions(chunk);
                }
                if (results == null) {
                    return written.isEmpty() ? Optional.empty() : Optional.of(written);
                }
                for (int i = 0; i < chunk.size(); i++) {
                    long result = results.get(i).toLong();
                    Optional.ofNullable(changes.get(chunk.get(i))).filter(c -> result == 1).ifPresent(written::add);
                    if (result < 0) {
                        changed.add(chunk.get(i));
                    }
                }
            }
            pending = changed;
            current = findAll(changed);
        }
        return Optional.of(written);
    }

    private String[] updateArgs(List<String> ids, Map<String, Change> changes, String fromIndex, String toIndex,
                                Fence fence) {
        List<String> args = new ArrayList<>(List.of(UPDATE, String.valueOf(ids.size())));
        ids.forEach(id -> args.add(RedisKeys.tokenHashOfSession(id)));
        args.addAll(List.of(RedisKeys.sessionByTokenHash(""), fence.key(), fence.value(),
                fromIndex == null ? "" : fromIndex, toIndex == null ? "" : toIndex));
        for (String id : ids) {
            Change change = changes.get(id);
            args.addAll(change == null ? List.of(id, "0", "")
                    : List.of(id, String.valueOf(change.before().storedVersion()), write(change.after())));
        }
        return args.toArray(String[]::new);
    }

    private static Request eval(String[] args) {
        Request eval = Request.cmd(Command.EVAL);
        for (String arg : args) {
            eval.arg(arg);
        }
        return eval;
    }

    private SessionRecord read(String json) {
        try {
            return mapper.readValue(json, SessionRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored session is not readable", e);
        }
    }

    private String write(SessionRecord session) {
        try {
            return mapper.writeValueAsString(session);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Session is not serialisable", e);
        }
    }
}
