package com.mobilityha.common.session;

import com.mobilityha.common.problem.Problem;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;

/**
 * Resolves {@code Authorization: Bearer <sessionToken>} to the stored session: from the service's
 * {@link SessionCache} while Redis tracks it, else with one Redis GET on the token's hash. Every service that
 * serves the app authenticates this way.
 */
@ApplicationScoped
public class SessionAuthenticator {
    private static final String BEARER = "Bearer ";
    private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "Bearer realm=\"mobility-ha\"");
    private static final int MAX_TOKEN_LENGTH = 256;

    private final SessionRepository sessions;
    private final SessionCache cache;

    SessionAuthenticator(SessionRepository sessions, SessionCache cache) {
        this.sessions = sessions;
        this.cache = cache;
    }

    /** The usable session of this Authorization header, or a 401 problem. */
    public SessionRecord authenticate(String authorization) {
        return resolve(authorization).session();
    }

    /** Like {@link #authenticate} but also gives the token hash, for callers that update the session. */
    public AuthenticatedSession resolve(String authorization) {
        String tokenHash = tokenHash(authorization);
        return new AuthenticatedSession(tokenHash, usable(cache.find(tokenHash, () -> sessions.findByTokenHash(tokenHash))));
    }

    /**
     * {@link #authenticate} without blocking a thread: for endpoints that only read the session, so
     * they can answer from the event loop (no worker-thread hop, no blocking Redis client).
     */
    public Uni<SessionRecord> authenticateAsync(String authorization) {
        try {
            String tokenHash = tokenHash(authorization);
            return cache.findAsync(tokenHash, () -> sessions.findByTokenHashAsync(tokenHash)).map(SessionAuthenticator::usable);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
    }

    /**
     * The session found, if it is still usable; a 401 problem once it has ended or is gone. Also for updates
     * that read a session again after authenticating it (it may have been logged out meanwhile).
     */
    public static SessionRecord usable(Optional<SessionRecord> found) {
        SessionRecord session = found.orElseThrow(() -> refused("Log in again"));
        if (!session.usable()) {
            throw refused("The session has ended; log in again");
        }
        return session;
    }

    private static String tokenHash(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new ProblemException(Problem.of(ProblemType.MISSING_BEARER_TOKEN, null), CHALLENGE);
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw refused("The Authorization header must use the Bearer scheme");
        }
        String token = authorization.substring(BEARER.length()).trim();
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw refused("The bearer token is malformed");
        }
        return SessionTokens.hash(token);
    }

    /** A session with the hash of the token that authenticated it. */
    public record AuthenticatedSession(String tokenHash, SessionRecord session) {
    }

    private static ProblemException refused(String detail) {
        return new ProblemException(Problem.of(ProblemType.INVALID_SESSION_TOKEN, detail), CHALLENGE);
    }
}
