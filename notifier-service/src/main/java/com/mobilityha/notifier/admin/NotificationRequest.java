package com.mobilityha.notifier.admin;

import com.mobilityha.common.problem.Validator;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * {@code POST /api/v1/admin/notifications}: who (a company, or listed users of it), what kind and
 * which message.
 */
@RegisterForReflection
public record NotificationRequest(String companyCode, Audience audience, Kind kind, String message) {
    private static final int MAX_USERS = 10_000;

    /** Push kinds of DESIGN §3. */
    public enum Kind { WAKE, RELOGIN, FAILBACK, MESSAGE }

    /** Audience types. */
    public enum AudienceType { COMPANY, USERS }

    /** Whom to notify. */
    @RegisterForReflection
    public record Audience(AudienceType type, List<String> usernames) {
    }

    static void validate(NotificationRequest request) {
        Validator validator = Validator.of(request)
                .text("companyCode", request.companyCode(), 64, null)
                .present("audience", request.audience())
                .present("kind", request.kind())
                .check(request.message() == null || request.message().length() <= 1_000, "message",
                        "must be at most 1000 characters")
                .check(request.kind() != Kind.MESSAGE || request.message() != null && !request.message().isBlank(),
                        "message", "is required for kind MESSAGE");
        Audience audience = request.audience();
        if (audience != null) {
            validator.present("audience.type", audience.type());
            if (audience.type() == AudienceType.USERS) {
                List<String> users = audience.usernames();
                validator.check(users != null && !users.isEmpty() && users.size() <= MAX_USERS,
                        "audience.usernames", "must list 1 to " + MAX_USERS + " usernames");
                validator.check(users == null || users.stream().allMatch(u -> u != null && !u.isBlank()
                        && u.length() <= 128), "audience.usernames", "must not contain blank or over-long names");
            }
        }
        validator.done();
    }
}
