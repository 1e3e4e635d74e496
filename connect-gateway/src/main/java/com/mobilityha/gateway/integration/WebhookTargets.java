package com.mobilityha.gateway.integration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Posts call events to a company's CRM: its primary URL first, its secondary when the primary
 * fails (timeout, connection error, 5xx, 408/429) or its breaker is open. Each URL has its own
 * guard (bulkhead and circuit breaker), so a dead CRM costs one fast refusal, not a timeout, per
 * event. One long-lived HTTP client serves every URL.
 */
@ApplicationScoped
public class WebhookTargets {
    private static final Logger LOG = Logger.getLogger(WebhookTargets.class);
    private static final int MAX_CONCURRENT = 8;

    /** What became of one event. */
    public enum Outcome {
        /** A URL answered 2xx. */
        DELIVERED,
        /** A URL answered a 4xx that retrying cannot fix. */
        REJECTED,
        /** No URL could take it now. */
        FAILED
    }

    /** The outcome and the URL role that decided it ({@code primary}, {@code secondary}, or {@code none}). */
    public record Delivery(Outcome outcome, String target) {
    }

    private final HttpClient http;
    private final WebhookConfig config;
    private final ObjectMapper json;
    private final Map<String, List<Endpoint>> endpoints = new HashMap<>();

    WebhookTargets(WebhookConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
        config.companies().forEach((company, target) -> {
            List<Endpoint> list = new ArrayList<>();
            list.add(endpoint(company, "primary", target.primaryUrl()));
            target.secondaryUrl().ifPresent(url -> list.add(endpoint(company, "secondary", url)));
            endpoints.put(company, list);
        });
    }

    /** Delivers one event; {@code deliveryId} lets the CRM drop duplicates (delivery is at least once). */
    public Delivery deliver(CallEvent event, String deliveryId) {
        List<Endpoint> targets = endpoints.getOrDefault(event.companyCode(), List.of());
        byte[] body = body(event);
        Optional<String> signature = Optional.ofNullable(config.companies().get(event.companyCode()))
                .flatMap(WebhookConfig.Target::secret).map(secret -> sign(secret, body));
        for (Endpoint endpoint : targets) {
            try {
                int status = endpoint.guard.get(() -> post(endpoint.url, event.type(), deliveryId, body, signature),
                        Integer.class);
                if (status >= 200 && status < 300) {
                    return new Delivery(Outcome.DELIVERED, endpoint.role);
                }
                LOG.warnf("The %s webhook of %s rejected %s with HTTP %d", endpoint.role, event.companyCode(),
                        event.type(), status);
                return new Delivery(Outcome.REJECTED, endpoint.role);
            } catch (RuntimeException e) {
                LOG.debugf("The %s webhook of %s failed: %s", endpoint.role, event.companyCode(), e.getMessage());
            }
        }
        return new Delivery(Outcome.FAILED, "none");
    }

    private int post(URI url, String type, String deliveryId, byte[] body, Optional<String> signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("X-Mobility-Event", type)
                .header("X-Mobility-Delivery", deliveryId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signature.ifPresent(s -> request.header("X-Mobility-Signature", "sha256=" + s));
        try {
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 500 || status == 408 || status == 429) {
                throw new TargetFailure("HTTP " + status);
            }
            return status;
        } catch (IOException e) {
            throw new TargetFailure(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetFailure("interrupted");
        }
    }

    private Endpoint endpoint(String company, String role, URI url) {
        Guard guard = Guard.create()
                .withDescription("CRM webhook " + role + " of " + company)
                .withBulkhead().limit(MAX_CONCURRENT).done()
                .withCircuitBreaker().name("webhook-" + company + "-" + role)
                    .requestVolumeThreshold(config.requestVolume())
                    .failureRatio(config.failureRatio())
                    .delay(config.openDelay().toMillis(), ChronoUnit.MILLIS)
                    .when(e -> e instanceof TargetFailure).done()
                .build();
        return new Endpoint(role, url, guard);
    }

    private byte[] body(CallEvent event) {
        try {
            return json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private record Endpoint(String role, URI url, Guard guard) {
    }

    /** The URL could not take the event now (worth another URL or a later retry). */
    private static final class TargetFailure extends RuntimeException {
        TargetFailure(String message) {
            super(message, null, false, false);
        }
    }
}
