package com.mobilityha.session.session;

import com.mobilityha.common.config.MobilityConfig;
import com.mobilityha.common.contract.NewSession;
import com.mobilityha.common.contract.NewSessionRequest;
import com.mobilityha.common.redis.ReplicaAcks;
import com.mobilityha.common.session.SessionCache;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionRepository;
import com.mobilityha.common.session.SessionStatus;
import com.mobilityha.common.session.SessionsKeptChanging;
import com.mobilityha.common.session.SessionTokens;
import com.mobilityha.session.site.SessionConfig;
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
    private final ReplicaAcks acks;
    private final SessionRepository sessions;
    private final SessionCache cache;
    private final SessionConfig config;
    private final String site;
    private final Clock clock;

    SessionStore(ReplicaAcks acks, SessionRepository sessions, SessionCache cache, SessionConfig config,
                 MobilityConfig mobility) {
        this.acks = acks;
        this.sessions = sessions;
        this.cache = cache;
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
            long ended;
            try {
                ended = writeAcknowledged(List.of(sessions.ending(tokenHash, session.get()))).get(0).toLong();
            } finally {
                cache.forget(tokenHash);
            }
            if (ended >= 0) {
                LOG.infof("Session %s ended", read.sessionId());
                return session.get().withStatus(SessionStatus.ENDED);
            }
            session = sessions.findByTokenHash(tokenHash);
        }
        return read.withStatus(SessionStatus.ENDED);
    }

    /** Runs the writes as one transaction, acknowledged by replicas ({@link ReplicaAcks}); the transaction's answer. */
    private Response writeAcknowledged(List<Request> writes) {
        List<Request> transaction = new ArrayList<>();
        transaction.add(Request.cmd(Command.MULTI));
        transaction.addAll(writes);
        transaction.add(Request.cmd(Command.EXEC));
        Response written = acks.send(transaction).get(writes.size() + 1);
        if (written == null) {
            throw new IllegalStateException("Redis aborted the session transaction");
        }
        return written;
    }
}
