package com.mobilityha.common.problem;

import java.util.List;
import java.util.Map;

/** Raised anywhere to answer the current request with a problem; carries no stack trace. */
public class ProblemException extends RuntimeException {
    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.getTitle() + (problem.getDetail() == null ? "" : ": " + problem.getDetail()), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public ProblemException(ProblemType type, String detail) {
        this(Problem.of(type, detail));
    }

    /** An {@code invalid-request} problem listing each offending field. */
    public static ProblemException invalidFields(List<FieldError> errors) {
        return new ProblemException(Problem.of(ProblemType.INVALID_REQUEST,
                errors.size() + " field(s) are invalid").with("errors", List.copyOf(errors)));
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** One invalid field: its JSON path and what is wrong with it. */
    public record FieldError(String field, String message) {
    }
}
