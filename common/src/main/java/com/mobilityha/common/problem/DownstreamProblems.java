package com.mobilityha.common.problem;

import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import java.util.Map;

/**
 * Turns an error answer of a site service into the exception the app should see: a problem document
 * is relayed as it is, with its status and {@code Retry-After} (e.g. {@code connect-user-not-found},
 * {@code connect-instance-unavailable}); anything else means the service is unavailable. Registered on
 * every REST client of a site service ({@code @RegisterProvider(DownstreamProblems.class)}).
 */
public class DownstreamProblems implements ResponseExceptionMapper<ProblemException> {
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
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    private static boolean isJson(Response response) {
        return response.getMediaType() != null && response.getMediaType().getSubtype().endsWith("json");
    }
}
