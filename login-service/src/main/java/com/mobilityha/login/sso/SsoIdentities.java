package com.mobilityha.login.sso;

import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import com.mobilityha.common.redis.RedisKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Locale;

/**
 * Which IdP account is which Connect user, per company: the first SSO sign-in of a Connect username
 * binds it to the account's stable identity (the ID token's issuer and {@code sub}), both ways, for
 * good. Later sign-ins must match: an account whose username claim now names another user (a
 * renamed {@code preferred_username}, which some IdPs let users edit), or another account claiming a
 * bound username, is refused ({@code sso-identity-changed}) before Amazon Connect is asked. An
 * administrator releases a binding after a real change (docs/operations.md, "Security").
 */
@ApplicationScoped
public class SsoIdentities {
    private static final Logger LOG = Logger.getLogger(SsoIdentities.class);
    /** Returns 1 when the account and the username are bound to each other (now or before), 0 when either is bound elsewhere. */
    private static final String BIND = """
            local user = redis.call('HGET', KEYS[1], ARGV[1])
            local account = redis.call('HGET', KEYS[1], ARGV[2])
            if (user and user ~= ARGV[4]) or (account and account ~= ARGV[3]) then
              return 0
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[4], ARGV[2], ARGV[3])
            return 1
            """;

    private final RedisDataSource redis;
    private final MeterRegistry metrics;

    SsoIdentities(RedisDataSource redis, MeterRegistry metrics) {
        this.redis = redis;
        this.metrics = metrics;
    }

    /**
     * Binds the signed-in account to its username, or checks it is bound to it already.
     *
     * @throws ProblemException 403 {@code sso-identity-changed} when the account or the username is bound elsewhere
     */
    void bind(String companyCode, IdpApplication.SignedIn user) {
        String account = user.issuer() + " " + user.subject();
        String username = user.username().toLowerCase(Locale.ROOT);
        long bound = redis.execute("EVAL", BIND, "1", RedisKeys.ssoIdentities(companyCode.toLowerCase(Locale.ROOT)),
                "account:" + account, "user:" + user.issuer() + " " + username, account, username).toLong();
        if (bound == 0) {
            metrics.counter("mobility.sso.identity.refused").increment();
            LOG.warnf("SSO sign-in of company %s refused: the IdP account and the username %s were bound to others",
                    companyCode, username);
            throw new ProblemException(ProblemType.SSO_IDENTITY_CHANGED, null);
        }
    }
}
