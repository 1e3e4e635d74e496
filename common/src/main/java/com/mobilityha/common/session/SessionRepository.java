package com.mobilityha.common.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityha.common.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one owner of the stored sessions' layout (keys in {@link RedisKeys}): the JSON record under
 * its token hash, the id → token hash reference and the company, instance, site and user indexes.
 * Reads and updates sessions by token hash (authentication) and by id, for the duties that act on
 * sessions without their token (RELOGIN on instance failure, audiences of notifications), and
 * gives session-service the writes that create and end one, which it runs as one transaction
 * acknowledged by replicas.
 */
@ApplicationScoped
public class SessionRepository {
    private static final int BATCH = 500;
    /** KEYS: token-hash-of-session keys; ARGV[1]: session key prefix, ARGV[i+1]: the i-th session's JSON. */
    /** KEYS: from index, to index. ARGV: session ids. */
    private static final String MOVE_INDEX = """
            for i = 1, #ARGV do redis.call('SMOVE', KEYS[1], KEYS[2], ARGV[i]) end
            return #ARGV""";
    private static final String REPLACE_ALL = """
            local replaced = {}
            for i, ofSession in ipairs(KEYS) do
              local hash = redis.call('GET', ofSession)
              replaced[i] = 0
              if hash and redis.call('SET', ARGV[1] .. hash, ARGV[i + 1], 'KEEPTTL', 'XX') then
                replaced[i] = 1
              end
            end
            return replaced""";

    private final RedisDataSource redis;
    private final ValueCommands<String, String> values;
    private final ObjectMapper mapper;

    public SessionRepository(RedisDataSource redis, ObjectMapper mapper) {
        this.redis = redis;
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
     * The writes that end a session: its record stays, {@code ENDED}, until its TTL so that every site
     * refuses its token, and it leaves every index.
     */
    public List<Request> ending(String tokenHash, SessionRecord session) {
        List<Request> writes = new ArrayList<>(List.of(Request.cmd(Command.SET).arg(RedisKeys.sessionByTokenHash(tokenHash))
                .arg(write(session.withStatus(SessionStatus.ENDED))).arg("KEEPTTL")));
        indexes(session).forEach(index -> writes.add(Request.cmd(Command.SREM).arg(index).arg(session.sessionId())));
        return writes;
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

    /** Replaces a stored session (same id), keeping its expiry; false when it no longer exists. */
    public boolean replace(SessionRecord session) {
        String tokenHash = values.get(RedisKeys.tokenHashOfSession(session.sessionId()));
        if (tokenHash == null) {
            return false;
        }
        return values.setGet(RedisKeys.sessionByTokenHash(tokenHash), write(session), new SetArgs().keepttl().xx()) != null;
    }

    /**
     * Replaces many stored sessions, keeping their expiry, in one round trip per {@value #BATCH}
     * (an instance failure touches every session on the instance at once); the sessions that
     * still existed and were replaced.
     */
    public List<SessionRecord> replaceAll(List<SessionRecord> sessions) {
        List<SessionRecord> replaced = new ArrayList<>();
        for (int from = 0; from < sessions.size(); from += BATCH) {
            List<SessionRecord> chunk = sessions.subList(from, Math.min(sessions.size(), from + BATCH));
            List<String> args = new ArrayList<>();
            args.add(REPLACE_ALL);
            args.add(String.valueOf(chunk.size()));
            chunk.forEach(s -> args.add(RedisKeys.tokenHashOfSession(s.sessionId())));
            args.add(RedisKeys.sessionByTokenHash(""));
            chunk.forEach(s -> args.add(write(s)));
            Response result = redis.execute("EVAL", args.toArray(String[]::new));
            for (int i = 0; i < chunk.size(); i++) {
                if (result.get(i).toInteger() == 1) {
                    replaced.add(chunk.get(i));
                }
            }
        }
        return replaced;
    }

    /**
     * Re-homes sessions of one site to another (S6's move, for some sessions only): their records name the
     * new site and their ids move between the sites' indexes; the sessions moved. Safe to repeat.
     */
    public List<SessionRecord> moveToSite(List<SessionRecord> sessions, String from, String to) {
        List<SessionRecord> moved = replaceAll(sessions.stream().map(s -> s.withSite(to)).toList());
        for (int start = 0; start < moved.size(); start += BATCH) {
            List<String> args = new ArrayList<>(List.of(MOVE_INDEX, "2", RedisKeys.siteSessions(from), RedisKeys.siteSessions(to)));
            moved.subList(start, Math.min(moved.size(), start + BATCH)).forEach(s -> args.add(s.sessionId()));
            redis.execute("EVAL", args.toArray(String[]::new));
        }
        return moved;
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
