package com.mobilityha.common.admin;

import com.mobilityha.common.problem.Problem;
import com.mobilityha.common.problem.ProblemResponses;
import com.mobilityha.common.problem.ProblemType;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Admin authentication failures as problems, in every service with admin endpoints: no or bad OIDC
 * token → 401 with {@code WWW-Authenticate}, missing role → 403.
 */
public class AdminSecurityProblems {

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return ProblemResponses.builder(Problem.of(ProblemType.MISSING_BEARER_TOKEN,
                        "An administrator's OIDC access token is required").at(uri.getPath()))
                .header("WWW-Authenticate", "Bearer realm=\"mobility-ha-admin\"")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return ProblemResponses.of(Problem.of(ProblemType.FORBIDDEN,
                "The role " + AdminAccess.ROLE + " is required").at(uri.getPath()));
    }
}
