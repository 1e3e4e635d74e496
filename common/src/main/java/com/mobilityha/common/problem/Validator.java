package com.mobilityha.common.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects field errors of a request body and raises one {@code invalid-request} problem naming
 * all of them. Use one instance per request: {@code Validator.of(body).text("username", ...)...done()}.
 */
public final class Validator {
    /** A phone number in E.164 form, e.g. {@code +14155550100}. */
    public static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final List<ProblemException.FieldError> errors = new ArrayList<>();

    private Validator() {
    }

    /** Starts validating a body; a missing body is itself an invalid request. */
    public static Validator of(Object body) {
        if (body == null) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "A JSON request body is required");
        }
        return new Validator();
    }

    /** Requires a non-blank string of at most {@code maxLength} characters matching {@code pattern} (if given). */
    public Validator text(String field, String value, int maxLength, Pattern pattern) {
        if (value == null || value.isBlank()) {
            errors.add(new ProblemException.FieldError(field, "must not be blank"));
        } else if (value.length() > maxLength) {
            errors.add(new ProblemException.FieldError(field, "must be at most " + maxLength + " characters"));
        } else if (pattern != null && !pattern.matcher(value).matches()) {
            errors.add(new ProblemException.FieldError(field, "must match " + pattern.pattern()));
        }
        return this;
    }

    /** Like {@link #text} when the value is given (not null); an absent optional field is fine. */
    public Validator optionalText(String field, String value, int maxLength, Pattern pattern) {
        return value == null ? this : text(field, value, maxLength, pattern);
    }

    /** Requires a non-null value. */
    public Validator present(String field, Object value) {
        if (value == null) {
            errors.add(new ProblemException.FieldError(field, "is required"));
        }
        return this;
    }

    /** Records an error when {@code valid} is false. */
    public Validator check(boolean valid, String field, String message) {
        if (!valid) {
            errors.add(new ProblemException.FieldError(field, message));
        }
        return this;
    }

    /** Throws the collected problem, if any. */
    public void done() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields(errors);
        }
    }
}
