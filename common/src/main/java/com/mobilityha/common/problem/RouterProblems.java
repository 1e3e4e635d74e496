package com.mobilityha.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityha.common.config.MobilityConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Problems for requests that never reach a REST resource: unknown routes and bodies the HTTP layer
 * refuses. Bodies declaring more than {@code mobility.http.max-body-size} are refused here, before
 * they are read, so that the app gets a problem instead of Vert.x's empty 413. A body that declares
 * no length ({@code Transfer-Encoding: chunked}) is read here, at most that many bytes, before any
 * resource sees it: without this, the resource would read and parse a body of any size (Quarkus REST
 * stops only at {@code quarkus.http.limits.max-body-size}, with an empty 413). A refused body is not
 * read on: the connection closes after the answer.
 */
@ApplicationScoped
public class RouterProblems {
    private static final int BEFORE_EVERY_ROUTE = -10_000;

    private final ObjectMapper mapper;
    private final long maxBodyBytes;
    /** Reads a body of undeclared length up to the limit; beyond it, fails the request with 413. */
    private final BodyHandler undeclaredLengthBody;

    RouterProblems(ObjectMapper mapper, MobilityConfig config) {
        this.mapper = mapper;
        this.maxBodyBytes = config.http().maxBodySize();
        this.undeclaredLengthBody = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
    }

    void install(@Observes Router router) {
        router.route().order(BEFORE_EVERY_ROUTE).handler(this::limitBody).failureHandler(this::answerBodyTooLarge);
        for (int status : new int[] {404, 405, 413}) {
            router.errorHandler(status, ctx -> answer(ctx, status));
        }
    }

    private void limitBody(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null && ctx.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            undeclaredLengthBody.handle(ctx);
        } else if (length != null && declaredLength(length) > maxBodyBytes) {
            answer(ctx, 413);
        } else {
            ctx.next();
        }
    }

    /** The body handler's 413, answered before Quarkus's failure handler would answer it with an empty body. */
    private void answerBodyTooLarge(RoutingContext ctx) {
        if (ctx.statusCode() == 413) {
            answer(ctx, 413);
        } else {
            ctx.next();
        }
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private void answer(RoutingContext ctx, int status) {
        if (ctx.response().headWritten()) {
            return;
        }
        if (status == 413) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
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
