package com.mobilityha.session.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityha.common.config.MobilityConfig;
import com.mobilityha.common.contract.NewSession;
import com.mobilityha.common.contract.NewSessionRequest;
import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionStatus;
import com.mobilityha.common.session.SessionTokens;
import com.mobilityha.session.site.SessionConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes sessions to the shared Redis data set: the record under its token hash, the id → hash
 * reference and the company / instance / site indexes, in one transaction, acknowledged by
 * replicas when configured (the app is told a session exists only once a master failover cannot
 * lose it).
 */
@ApplicationScoped
public class SessionStore {
    private static final Logger LOG = Logger.getLogger(SessionStore.class);
    /** The Redis round trip of one batch, on top of the replicas' acknowledgement timeout. */
    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(2);

    private final RedisDataSource redis;
    private final ObjectMapper mapper;
    private final SessionConfig config;
    private final String site;
    private final Clock clock;

    SessionStore(RedisDataSource redis, ObjectMapper mapper, SessionConfig config, MobilityConfig mobility) {
        this.redis = redis;
        this.mapper = mapper;
        this.config = config;
        this.site = mobility.site();
        this.clock = Clock.systemUTC();
    }

    /** Creates an ACTIVE session served by this site. */
    public NewSession create(NewSessionRequest request) {
        String token = SessionTokens.newToken();
        String tokenHash = SessionTokens.hash(token);
        Instant now = clock.instant();
        SessionRecord session = new SessionRecord(SessionTokens.newId(), request.companyCode(), request.user(),
                request.instance(), site, SessionStatus.ACTIVE, now, now.plus(config.ttl()), null, null);
        String json = toJson(session);
        long ttlMillis = config.ttl().toMillis();
        writeAcknowledged(List.of(
                Request.cmd(Command.SET).arg(RedisKeys.sessionByTokenHash(tokenHash)).arg(json).arg("PX").arg(ttlMillis),
                Request.cmd(Command.SET).arg(RedisKeys.tokenHashOfSession(session.sessionId())).arg(tokenHash)
                        .arg("PX").arg(ttlMillis),
                index(Command.SADD, RedisKeys.companySessions(session.companyCode()), session),
                index(Command.SADD, RedisKeys.instanceSessions(session.instance().instanceId()), session),
                index(Command.SADD, RedisKeys.siteSessions(site), session),
                index(Command.SADD, RedisKeys.userSessions(session.companyCode(), session.user().username()), session)));
        LOG.infof("Session %s created for company %s on instance %s", session.sessionId(), session.companyCode(),
                session.instance().role());
        return new NewSession(token, session);
    }

    /** Ends a session: the record stays (ENDED) until its TTL so every site refuses its token. */
    public SessionRecord end(String tokenHash, SessionRecord session) {
        SessionRecord ended = session.withStatus(SessionStatus.ENDED);
        writeAcknowledged(List.of(
                Request.cmd(Command.SET).arg(RedisKeys.sessionByTokenHash(tokenHash)).arg(toJson(ended)).arg("KEEPTTL"),
                index(Command.SREM, RedisKeys.companySessions(session.companyCode()), session),
                index(Command.SREM, RedisKeys.instanceSessions(session.instance().instanceId()), session),
                index(Command.SREM, RedisKeys.siteSessions(session.site()), session),
                index(Command.SREM, RedisKeys.userSessions(session.companyCode(), session.user().username()), session)));
        LOG.infof("Session %s ended", session.sessionId());
        return ended;
    }

    /**
     * Runs the writes as one transaction and, when configured, WAITs for replicas — all in one
     * pipelined batch on one pooled connection: Redis acknowledges the writes of the connection that
     * made them, and no connection is held by a request thread between commands (holding dedicated
     * connections while more requests queue for the pool stalled session-service at 8 concurrent
     * logins).
     */
    private void writeAcknowledged(List<Request> writes) {
        SessionConfig.WriteAck ack = config.writeAck();
        List<Request> batch = new ArrayList<>();
        batch.add(Request.cmd(Command.MULTI));
        batch.addAll(writes);
        batch.add(Request.cmd(Command.EXEC));
        if (ack.replicas() > 0) {
            batch.add(Request.cmd(Command.WAIT).arg(ack.replicas()).arg(ack.timeout().toMillis()));
        }
        List<Response> answers = redis.getReactive().getRedis().batch(batch).await().atMost(BATCH_TIMEOUT.plus(ack.timeout()));
        if (answers.get(writes.size() + 1) == null) {
            throw new IllegalStateException("Redis aborted the session transaction");
        }
        if (ack.replicas() > 0) {
            long acknowledged = answers.get(answers.size() - 1).toLong();
            if (acknowledged < ack.replicas()) {
                throw new ReplicationLagException(acknowledged, ack.replicas());
            }
        }
    }

    private static Request index(Command command, String key, SessionRecord session) {
        return Request.cmd(command).arg(key).arg(session.sessionId());
    }

    private String toJson(SessionRecord session) {
        try {
            return mapper.writeValueAsString(session);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Session is not serialisable", e);
        }
    }
}
