package com.mobilityha.common.servicetoken;

import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;

/**
 * Lets into a cluster-internal resource (one whose {@code @Path} starts with {@code /internal}) only
 * the services its {@link CalledBy} names, each proving who it is with a service token: no token or
 * a bad one answers 401, a service not named 403. The resource is recognised by its declared path,
 * not the request's, so no spelling of the URL slips past.
 */
public class InternalApiGuard {
    private static final String INTERNAL = "/internal";

    private final ServiceTokens tokens;

    InternalApiGuard(ServiceTokens tokens) {
        this.tokens = tokens;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public void admitServices(ContainerRequestContext request, ResourceInfo resource) {
        Class<?> resourceClass = resource.getResourceClass();
        Path path = resourceClass == null ? null : resourceClass.getAnnotation(Path.class);
        if (path == null || !path.value().startsWith(INTERNAL)) {
            return;
        }
        String caller = tokens.callerOf(request.getHeaderString(ServiceTokens.HEADER));
        CalledBy allowed = resourceClass.getAnnotation(CalledBy.class);
        if (allowed == null || !List.of(allowed.value()).contains(caller)) {
            throw new ProblemException(ProblemType.FORBIDDEN, caller + " may not call this internal API");
        }
    }
}
