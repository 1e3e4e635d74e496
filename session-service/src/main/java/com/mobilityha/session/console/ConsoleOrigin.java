package com.mobilityha.session.console;

import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * The console's defence against cross-site request forgery: a request that changes anything under
 * {@code /admin/} must come from a page of the console's own origin, which browsers state in
 * {@code Origin} (or, failing that, {@code Referer}); any other origin, or none, is a 403 problem.
 * The session cookie (SameSite=Lax) already stays home on a cross-site POST, and a cross-site form
 * cannot send JSON; this check does not rest on either. Why an origin check rather than a token:
 * every action is a {@code fetch} of the console's own page, for which every current browser sends
 * {@code Origin}; a token would need server state or a second cookie, and a page change to carry it,
 * for the same guarantee. The console's origin is the one the browser asked for: the request's own
 * scheme and host, or the ingress's {@code X-Forwarded-Proto} and {@code -Host}, believed from a
 * trusted proxy only ({@code quarkus.http.proxy.trusted-proxies}).
 */
public class ConsoleOrigin {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    /** Before the resource is matched, so before sign-in checks: a forged action learns nothing of the session. */
    @ServerRequestFilter(preMatching = true)
    void refuseCrossSiteActions(ContainerRequestContext request, RoutingContext routing) {
        // the path as routed (percent-decoded, dot segments removed), so /%61dmin/… or /x/../admin/… is checked too
        if (SAFE_METHODS.contains(request.getMethod()) || !routing.normalizedPath().startsWith("/admin/")) {
            return;
        }
        HttpServerRequest http = routing.request();
        String origin = http.getHeader("Origin");
        String stated = origin != null ? origin : originOf(http.getHeader("Referer"));
        String own = originOf(http.absoluteURI());
        if (stated == null || !stated.toLowerCase(Locale.ROOT).equals(own)) {
            throw new ProblemException(ProblemType.FORBIDDEN,
                    "Console actions are accepted only from the console's own page (origin " + own + ")");
        }
    }

    /** {@code scheme://host[:port]} of a URL, lower case; null if there is none or it is not a URL. */
    private static String originOf(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            return uri.getScheme() == null || uri.getRawAuthority() == null ? null
                    : (uri.getScheme() + "://" + uri.getRawAuthority()).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException notAUrl) {
            return null;
        }
    }
}
