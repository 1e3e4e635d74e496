package com.mobilityha.notifier.admin;

import com.mobilityha.common.notification.PushKind;
import com.mobilityha.common.problem.Validator;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/admin/notifications}: who (a company, the users of one of its Connect
 * instances, or listed users of it), what kind and which message.
 */
@RegisterForReflection
public record NotificationRequest(String companyCode, Audience audience, PushKind kind, String message) {
    private static final int MAX_USERS = 10_000;
    private static final Pattern INSTANCE_ROLE = Pattern.compile("primary|secondary");

    /** Audience types. */
    public enum AudienceType { COMPANY, INSTANCE, USERS }

    /**
     * Whom to notify.
     *
     * @param type         the kind of audience
     * @param usernames    for USERS: who
     * @param instanceRole for INSTANCE: the Connect instance ({@code primary} or {@code secondary})
     */
    @RegisterForReflection
    public record Audience(AudienceType type, List<String> usernames, String instanceRole) {
    }

    /** What was sent to whom, for the audit log: {@code MESSAGE to users alice, bob (2 sessions): "…"}. */
    String summary(int sessions) {
        String whom = switch (audience.type()) {
            case COMPANY -> "the whole company";
            case INSTANCE -> "the users of the " + audience.instanceRole() + " instance";
            case USERS -> "users " + String.join(", ", audience.usernames().subList(0, Math.min(10, audience.usernames().size())))
                    + (audience.usernames().size() > 10 ? " and " + (audience.usernames().size() - 10) + " more" : "");
        };
        return kind + " to " + whom + " (" + sessions + " sessions)" + (message == null ? "" : ": \"" + message + "\"");
    }

    static void validate(NotificationRequest request) {
        Validator validator = Validator.of(request)
                .text("companyCode", request.companyCode(), 64, null)
                .present("audience", request.audience())
                .present("kind", request.kind())
                .check(request.message() == null || request.message().length() <= 1_000, "message",
                        "must be at most 1000 characters")
                .check(request.kind() != PushKind.MESSAGE || request.message() != null && !request.message().isBlank(),
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
            if (audience.type() == AudienceType.INSTANCE) {
                validator.text("audience.instanceRole", audience.instanceRole(), 32, INSTANCE_ROLE);
            }
        }
        validator.done();
    }
}
