package com.mobilityha.session.site;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether this site can serve its agents beyond this session-service pod: its connect-gateway is ready
 * (status, calls and Connect logins go there), and, where configured, the app's path through the
 * site's ingress answers. The heartbeat beats only while both hold (S6). login-service and the
 * notifier do not count: signed-in agents keep working without a sign-in service (new sign-ins go to
 * the other site, S2), and both sites' notifiers share the notification stream, so either delivers.
 */
@ApplicationScoped
public class SiteServing {
    private final HttpClient http;
    private final List<Check> checks = new ArrayList<>();
    private final SiteConfig config;

    SiteServing(SiteConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.servingCheckTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        checks.add(new Check("connect-gateway readiness", URI.create(config.gatewayReadyUrl())));
        config.ingressCheckUrl().ifPresent(url -> checks.add(new Check("ingress path", URI.create(url))));
    }

    /** Why the site cannot serve its agents now (the first check that failed, and how), or empty while it can. */
    public Optional<String> unservedBecause() {
        for (Check check : checks) {
            Optional<String> failed = failure(check);
            if (failed.isPresent()) {
                return Optional.of(check.name() + " " + failed.get());
            }
        }
        return Optional.empty();
    }

    private Optional<String> failure(Check check) {
        HttpRequest request = HttpRequest.newBuilder(check.uri()).timeout(config.servingCheckTimeout()).GET().build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? Optional.empty() : Optional.of("answered " + status);
        } catch (IOException e) {
            return Optional.of("failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /** One check: a name for the logs and the URL that must answer 2xx. */
    private record Check(String name, URI uri) {
    }
}
