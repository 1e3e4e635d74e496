package com.mobilityha.session.site;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
 * {@code mobility_site_serving{check}} is 1 while a check passed last time.
 */
@ApplicationScoped
public class SiteServing {
    private final HttpClient http;
    private final List<Check> checks = new ArrayList<>();
    private final SiteConfig config;

    SiteServing(SiteConfig config, MeterRegistry metrics) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.servingCheckTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        checks.add(new Check("connect-gateway", "connect-gateway readiness", URI.create(config.gatewayReadyUrl())));
        config.ingressCheckUrl().ifPresent(url -> checks.add(new Check("ingress", "ingress path", URI.create(url))));
        checks.forEach(check -> Gauge.builder("mobility.site.serving", check, c -> c.passing ? 1 : 0).tag("check", check.tag)
                .description("1 while this part of the site's serving path passed its last check (the heartbeat needs all)")
                .register(metrics));
    }

    /** Runs every check; why the site cannot serve its agents now (the first that failed, and how), or empty while it can. */
    public Optional<String> unservedBecause() {
        Optional<String> unserved = Optional.empty();
        for (Check check : checks) {
            Optional<String> failed = failure(check);
            check.passing = failed.isEmpty();
            if (failed.isPresent() && unserved.isEmpty()) {
                unserved = Optional.of(check.name + " " + failed.get());
            }
        }
        return unserved;
    }

    private Optional<String> failure(Check check) {
        HttpRequest request = HttpRequest.newBuilder(check.uri).timeout(config.servingCheckTimeout()).GET().build();
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

    /** One check: its metric tag, a name for the logs, the URL that must answer 2xx, and how it went last. */
    private static final class Check {
        private final String tag;
        private final String name;
        private final URI uri;
        private volatile boolean passing;

        Check(String tag, String name, URI uri) {
            this.tag = tag;
            this.name = name;
            this.uri = uri;
        }
    }
}
