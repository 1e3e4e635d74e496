package com.mobilityha.common.problem;

import java.net.URI;

/**
 * The catalogue of problem types the services answer with. The {@link #uri()} is stable: apps and
 * operators may branch on it; the title is for humans.
 */
public enum ProblemType {
    MALFORMED_JSON("malformed-json", "The request body is not valid JSON", 400),
    INVALID_REQUEST("invalid-request", "The request has invalid fields", 400),
    MISSING_BEARER_TOKEN("missing-bearer-token", "An Authorization: Bearer token is required", 401),
    INVALID_SESSION_TOKEN("invalid-session-token", "The session token is unknown, expired or ended", 401),
    SERVICE_TOKEN_REQUIRED("service-token-required", "This cluster-internal API needs a valid service token", 401),
    INVALID_CREDENTIALS("invalid-credentials", "The company directory refused these credentials", 401),
    INVALID_AUTHORIZATION("invalid-authorization", "The identity provider's sign-in does not complete this login", 400),
    FORBIDDEN("forbidden", "You are not allowed to do this", 403),
    SSO_IDENTITY_CHANGED("sso-identity-changed",
            "This identity provider account is not the one this user signs in with; ask an administrator", 403),
    DESTINATION_NOT_ALLOWED("destination-not-allowed", "The company does not allow calls to this number", 403),
    NOT_FOUND("not-found", "No such resource", 404),
    UNKNOWN_COMPANY("unknown-company", "No company has this code", 404),
    LOGIN_NOT_FOUND("login-not-found", "The login is unknown, expired or already completed; start again", 404),
    CONNECT_USER_NOT_FOUND("connect-user-not-found", "The user has no Amazon Connect account on this instance", 404),
    UNKNOWN_AGENT_STATUS("unknown-agent-status", "The Amazon Connect instance has no such agent status", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "This method is not allowed on this resource", 405),
    NOT_ACCEPTABLE("not-acceptable", "No acceptable representation", 406),
    LOGIN_METHOD_NOT_AVAILABLE("login-method-not-available", "This login method is not available for the company", 409),
    RELOGIN_REQUIRED("relogin-required", "The session's Connect instance failed: sign in again", 409),
    CALL_IN_PROGRESS("call-in-progress", "A call is already in progress on this session", 409),
    PRIMARY_INSTANCE_NOT_BACK("primary-instance-not-back", "The primary Connect instance is not back yet; fail-back must wait", 409),
    SHIFT_TARGET_DOWN("shift-target-down", "The Connect instance to shift the traffic to is DOWN; agents stay where they are", 409),
    TRAFFIC_SHIFT_BUSY("traffic-shift-busy", "Another change of the company's traffic distribution is being made; try again", 409),
    CALLS_NOT_CONFIGURED("calls-not-configured", "Outbound calls are not configured for this Connect instance", 409),
    PAYLOAD_TOO_LARGE("payload-too-large", "The request body is too large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "The request body must be application/json", 415),
    THROTTLED("throttled", "Too many requests; retry later", 429),
    INTERNAL_ERROR("internal-error", "Unexpected server error", 500),
    DEPENDENCY_UNAVAILABLE("dependency-unavailable", "A service this request needs is unavailable; retry", 503),
    CONNECT_INSTANCE_UNAVAILABLE("connect-instance-unavailable", "The Amazon Connect instance is unavailable", 503);

    /** Base of every problem type URI; documented in docs/problems.md. */
    public static final String BASE_URI = "https://mobility-ha.example/problems/";

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public URI uri() {
        return URI.create(BASE_URI + slug);
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
