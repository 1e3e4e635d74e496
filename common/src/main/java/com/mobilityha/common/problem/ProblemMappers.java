package com.mobilityha.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Maps every failure of a REST endpoint to a problem. Client mistakes become their 4xx problem; a
 * dependency that could not serve ({@link DependencyFailures}) a 503 {@code dependency-unavailable} with
 * {@code Retry-After}; anything else a 500 problem carrying only an error id that is also logged.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder response = ProblemResponses.builder(e.problem().at(uri.getPath()));
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String field = jsonPath(e);
        if (field.isEmpty()) {
            return ProblemResponses.of(Problem.of(ProblemType.MALFORMED_JSON,
                    "The body must be a JSON object").at(uri.getPath()));
        }
        String expected = e.getTargetType() == null ? "another type" : friendlyType(e.getTargetType());
        return ProblemResponses.of(ProblemException.invalidFields(List.of(
                new ProblemException.FieldError(field, "must be " + expected))).problem().at(uri.getPath()));
    }

    @ServerExceptionMapper(priority = 2)
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        return ProblemResponses.of(Problem.of(ProblemType.MALFORMED_JSON,
                "The body could not be parsed as JSON").at(uri.getPath()));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof MismatchedInputException mismatch) {
            return mismatchedInput(mismatch, uri);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        return ProblemResponses.of(Problem.of(ProblemResponses.typeForStatus(status), null).at(uri.getPath()));
    }

    /** A dependency that could not serve (Redis down, frozen, read-only) is a 503 to retry; anything else a bug. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        Optional<String> unavailable = DependencyFailures.reason(e);
        if (unavailable.isPresent()) {
            LOG.warnf("Dependency unavailable on %s: %s (%s)", uri.getPath(), unavailable.get(), e);
            return problem(DependencyFailures.unavailable(unavailable.get()), uri);
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s on %s", errorId, uri.getPath());
        return ProblemResponses.of(Problem.of(ProblemType.INTERNAL_ERROR,
                "Quote error id " + errorId + " to the operators").with("errorId", errorId).at(uri.getPath()));
    }

    private static String jsonPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String friendlyType(Class<?> type) {
        if (type == String.class || type.isEnum()) {
            return type.isEnum() ? "one of " + List.of(type.getEnumConstants()) : "a string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
