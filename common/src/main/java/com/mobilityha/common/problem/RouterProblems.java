package com.mobilityha.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Problems for requests that never reach a REST resource: unknown routes and bodies rejected by the
 * HTTP layer (e.g. too large). Without this they would get Vert.x's plain-text pages.
 */
@ApplicationScoped
public class RouterProblems {
    private final ObjectMapper mapper;

    RouterProblems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        for (int status : new int[] {404, 405, 413}) {
            router.errorHandler(status, ctx -> answer(ctx, status));
        }
    }

    private void answer(RoutingContext ctx, int status) {
        if (ctx.response().headWritten()) {
            return;
        }
        Problem problem = Problem.of(ProblemResponses.typeForStatus(status), null).at(ctx.normalizedPath());
        try {
            ctx.response().setStatusCode(status)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(mapper.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            ctx.response().setStatusCode(status).end();
        }
    }
}
