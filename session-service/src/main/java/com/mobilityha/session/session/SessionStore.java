package com.mobilityha.session.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityha.common.session.RedisKeys;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionStatus;
import com.mobilityha.common.session.SessionTokens;
import com.mobilityha.common.config.MobilityConfig;
import com.mobilityha.common.contract.NewSession;
import com.mobilityha.common.contract.NewSessionRequest;
import com.mobilityha.session.site.SessionConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/**
 * Writes sessions to the shared Redis data set: the record under its token hash, the id → hash
 * reference and the company / instance / site indexes, in one transaction, acknowledged by
 * replicas when configured (the app is told a session exists only once a master failover cannot
 * lose it).
 */
@ApplicationScoped
public class SessionStore {
    private static final Logger LOG = Logger.getLogger(SessionStore.class);

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
        redis.withConnection(connection -> {
            connection.withTransaction(tx -> {
                tx.value(String.class, String.class).set(RedisKeys.sessionByTokenHash(tokenHash), json,
                        new SetArgs().px(ttlMillis));
                tx.value(String.class, String.class).set(RedisKeys.tokenHashOfSession(session.sessionId()), tokenHash,
                        new SetArgs().px(ttlMillis));
                tx.set(String.class).sadd(RedisKeys.companySessions(session.companyCode()), session.sessionId());
                tx.set(String.class).sadd(RedisKeys.instanceSessions(session.instance().instanceId()), session.sessionId());
                tx.set(String.class).sadd(RedisKeys.siteSessions(site), session.sessionId());
                tx.set(String.class).sadd(RedisKeys.userSessions(session.companyCode(), session.user().username()),
                        session.sessionId());
            });
            awaitReplicas(connection);
        });
        LOG.infof("Session %s created for company %s on instance %s", session.sessionId(), session.companyCode(),
                session.instance().role());
        return new NewSession(token, session);
    }

    /** Ends a session: the record stays (ENDED) until its TTL so every site refuses its token. */
    public SessionRecord end(String tokenHash, SessionRecord session) {
        SessionRecord ended = session.withStatus(SessionStatus.ENDED);
        redis.withConnection(connection -> {
            connection.withTransaction(tx -> {
                tx.value(String.class, String.class).set(RedisKeys.sessionByTokenHash(tokenHash), toJson(ended),
                        new SetArgs().keepttl());
                tx.set(String.class).srem(RedisKeys.companySessions(session.companyCode()), session.sessionId());
                tx.set(String.class).srem(RedisKeys.instanceSessions(session.instance().instanceId()), session.sessionId());
                tx.set(String.class).srem(RedisKeys.siteSessions(session.site()), session.sessionId());
                tx.set(String.class).srem(RedisKeys.userSessions(session.companyCode(), session.user().username()),
                        session.sessionId());
            });
            awaitReplicas(connection);
        });
        LOG.infof("Session %s ended", session.sessionId());
        return ended;
    }

    /**
     * WAIT on the connection that wrote: Redis acknowledges the writes of the calling connection
     * only, so a WAIT on another pooled connection would return at once and prove nothing.
     */
    private void awaitReplicas(RedisDataSource connection) {
        SessionConfig.WriteAck ack = config.writeAck();
        if (ack.replicas() <= 0) {
            return;
        }
        long acknowledged = connection.execute("WAIT", String.valueOf(ack.replicas()),
                String.valueOf(ack.timeout().toMillis())).toLong();
        if (acknowledged < ack.replicas()) {
            throw new ReplicationLagException(acknowledged, ack.replicas());
        }
    }

    private String toJson(SessionRecord session) {
        try {
            return mapper.writeValueAsString(session);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Session is not serialisable", e);
        }
    }
}
