package com.mobilityha.common.ops;

import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.redis.RedisKeys;
import com.mobilityha.common.session.SessionTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Carries out an administrator's action audited first and at most once per {@code Idempotency-Key}. The
 * audit entry is written before the action, naming the id the action will have: an audit write that
 * fails stops the action (no action is ever unaudited), and an action that then fails leaves an entry
 * of the attempt. With a key, the id is derived from the company, the administrator, the action and the
 * key, and is claimed for a day: a retry of the same request (after a 5xx, a timeout, a double click)
 * does nothing again and answers the first one's id.
 */
@ApplicationScoped
public class AuditedActions {
    /** The request header that names an administrator's action, so that its retries are carried out once. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Logger LOG = Logger.getLogger(AuditedActions.class);
    /** How long a key's action is remembered: a retry later than this acts again. */
    private static final Duration REMEMBERED = Duration.ofDays(1);
    private static final int MAX_KEY_LENGTH = 200;

    private final RedisDataSource redis;
    private final AuditLog audit;

    AuditedActions(RedisDataSource redis, AuditLog audit) {
        this.redis = redis;
        this.audit = audit;
    }

    /** One action of an administrator: whose company, who, what (see {@link AuditEntry}) and its request's key. */
    public record Request(String companyCode, String who, String action, String what, String idempotencyKey) {
    }

    /** The action's id, and whether an earlier request with the same key carried it out already. */
    public record Outcome(String actionId, boolean repeated) {
    }

    /** Audits, then runs {@code act} with the action's id; a repeated key runs nothing. */
    public Outcome run(Request request, Consumer<String> act) {
        if (request.idempotencyKey() == null) {
            String actionId = SessionTokens.newId();
            auditThenAct(request, actionId, act);
            return new Outcome(actionId, false);
        }
        validate(request.idempotencyKey());
        String actionId = SessionTokens.hash(String.join("\n", List.of(request.companyCode(), request.who(),
                request.action(), request.idempotencyKey()))).substring(0, 32);
        String claim = RedisKeys.adminAction(actionId);
        String earlier = redis.value(String.class).setGet(claim, request.action(), new SetArgs().nx().ex(REMEMBERED));
        if (earlier != null) {
            return new Outcome(actionId, true);
        }
        try {
            auditThenAct(request, actionId, act);
        } catch (RuntimeException e) {
            release(claim);
            throw e;
        }
        return new Outcome(actionId, false);
    }

    private void auditThenAct(Request request, String actionId, Consumer<String> act) {
        audit.record(request.companyCode(), request.who(), request.action(), request.what(), actionId);
        act.accept(actionId);
    }

    /** The action did not happen (or not whole): a retry with the same key may try it again. */
    private void release(String claim) {
        try {
            redis.key().del(claim);
        } catch (RuntimeException e) {
            LOG.warnf("Claim %s not released; a retry with the same key waits a day: %s", claim, e.getMessage());
        }
    }

    private static void validate(String idempotencyKey) {
        if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH) {
            throw ProblemException.invalidFields(List.of(new ProblemException.FieldError("Idempotency-Key",
                    "must be 1 to " + MAX_KEY_LENGTH + " characters")));
        }
    }
}
