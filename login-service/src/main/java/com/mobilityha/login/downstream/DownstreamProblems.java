package com.mobilityha.login.downstream;

import com.mobilityha.common.problem.Problem;
import com.mobilityha.common.problem.ProblemException;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import java.util.Map;

/**
 * Turns an error answer of a site service into the exception the app should see: a problem document
 * is relayed as it is (e.g. {@code connect-user-not-found}, {@code connect-instance-unavailable});
 * anything else means the service is unavailable.
 */
class DownstreamProblems implements ResponseExceptionMapper<ProblemException> {
    private static final GenericType<Map<String, Object>> DOCUMENT = new GenericType<>() {
    };

    @Override
    public ProblemException toThrowable(Response response) {
        String retryAfter = response.getHeaderString("Retry-After");
        Map<String, String> headers = retryAfter == null ? Map.of() : Map.of("Retry-After", retryAfter);
        if (isJson(response)) {
            try {
                Map<String, Object> document = response.readEntity(DOCUMENT);
                if (document != null && document.get("type") != null) {
                    return new ProblemException(Problem.fromMap(document), headers);
                }
            } catch (RuntimeException unreadable) {
                // fall through: not a problem document
            }
        }
        return Downstream.unavailable("answered HTTP " + response.getStatus());
    }

    @Override
    public boolean handles(int status, jakarta.ws.rs.core.MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    private static boolean isJson(Response response) {
        return response.getMediaType() != null && response.getMediaType().getSubtype().endsWith("json");
    }
}
