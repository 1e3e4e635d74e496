package com.mobilityha.common.problem;

import jakarta.ws.rs.core.Response;

/** Builds JAX-RS responses carrying a problem document. */
public final class ProblemResponses {
    private ProblemResponses() {
    }

    public static Response of(Problem problem) {
        return builder(problem).build();
    }

    public static Response.ResponseBuilder builder(Problem problem) {
        return Response.status(problem.getStatus()).type(Problem.MEDIA_TYPE).entity(problem);
    }

    /** The generic problem type for an HTTP status raised by the framework itself. */
    public static ProblemType typeForStatus(int status) {
        return switch (status) {
            case 401 -> ProblemType.MISSING_BEARER_TOKEN;
            case 403 -> ProblemType.FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 406 -> ProblemType.NOT_ACCEPTABLE;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ProblemType.THROTTLED;
            default -> status >= 500 ? ProblemType.INTERNAL_ERROR : ProblemType.INVALID_REQUEST;
        };
    }
}
