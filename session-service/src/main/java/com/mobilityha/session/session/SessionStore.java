package com.mobilityha.session.session;

import com.mobilityha.common.config.MobilityConfig;
import com.mobilityha.common.contract.NewSession;
import com.mobilityha.common.contract.NewSessionRequest;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionRepository;
import com.mobilityha.common.session.SessionStatus;
import com.mobilityha.common.session.SessionsKeptChanging;
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
import java.util.Optional;

/**
 * Creates and ends sessions in the shared Redis data set ({@link SessionRepository} gives the
 * writes), each in one transaction, acknowledged by replicas when configured (the app is told a
 * session exists only once a master failover cannot lose it).
 */
@ApplicationScoped
public class SessionStore {
    private static final Logger LOG = Logger.getLogger(SessionStore.class);
    /** The Redis round trip of one batch, on top of the replicas' acknowledgement timeout. */
    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(2);

    private final RedisDataSource redis;
    private final SessionRepository sessions;
    private final SessionConfig config;
    private final String site;
    private final Clock clock;

    SessionStore(RedisDataSource redis, SessionRepository sessions, SessionConfig config, MobilityConfig mobility) {
        this.redis = redis;
        this.sessions = sessions;
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
                request.instance(), site, SessionStatus.ACTIVE, now, now.plus(config.ttl()), null, null, null);
        writeAcknowledged(sessions.creation(tokenHash, session, config.ttl()));
        LOG.infof("Session %s created for company %s on instance %s", session.sessionId(), session.companyCode(),
                session.instance().role());
        return new NewSession(token, session);
    }

    /**
     * Ends a session: the record stays (ENDED) until its TTL so every site refuses its token. The session is
     * ended as it is stored when it ends (read again if it changed since {@code read}, e.g. a call started or
     * it moved to another site), so that it leaves the indexes it is in and no copy read earlier survives it.
     */
    public SessionRecord end(String tokenHash, SessionRecord read) {
        Optional<SessionRecord> session = Optional.of(read);
        for (int attempt = 1; session.isPresent(); attempt++) {
            if (attempt > SessionsKeptChanging.ATTEMPTS) {
                throw new SessionsKeptChanging(1);
            }
            if (writeAcknowledged(List.of(sessions.ending(tokenHash, session.get()))).get(0).toLong() >= 0) {
                LOG.infof("Session %s ended", read.sessionId());
                return session.get().withStatus(SessionStatus.ENDED);
            }
            session = sessions.findByTokenHash(tokenHash);
        }
        return read.withStatus(SessionStatus.ENDED);
    }

    /**
     * Runs the writes as one transaction and, when configured, WAITs for replicas — all in one
     * pipelined batch on one pooled connection: Redis acknowledges the writes of the connection that
     * made them, and no connection is held by a request thread between commands (holding dedicated
     * connections while more requests queue for the pool stalled session-service at 8 concurrent
     * logins).
     */
    private Response writeAcknowledged(List<Request> writes) {
        SessionConfig.WriteAck ack = config.writeAck();
        List<Request> batch = new ArrayList<>();
        batch.add(Request.cmd(Command.MULTI));
        batch.addAll(writes);
        batch.add(Request.cmd(Command.EXEC));
        if (ack.replicas() > 0) {
            batch.add(Request.cmd(Command.WAIT).arg(ack.replicas()).arg(ack.timeout().toMillis()));
        }
        List<Response> answers = redis.getReactive().getRedis().batch(batch).await().atMost(BATCH_TIMEOUT.plus(ack.timeout()));
        Response written = answers.get(writes.size() + 1);
        if (written == null) {
            throw new IllegalStateException("Redis aborted the session transaction");
        }
        if (ack.replicas() > 0) {
            long acknowledged = answers.get(answers.size() - 1).toLong();
            if (acknowledged < ack.replicas()) {
                throw new ReplicationLagException(acknowledged, ack.replicas());
            }
        }
        return written;
    }
}
