package com.mobilityha.mobile.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends the app's requests to a mobility site. It starts with the primary (S2, S7: every new login
 * starts there) and moves to the next site when the current one cannot be reached within the
 * timeout or answers a 5xx that is about the site itself; a 5xx problem about Amazon Connect
 * ({@code connect-instance-unavailable}) is an answer to the app, not a reason to change sites.
 * After a success it stays on the site that answered; {@link #moveTo} follows the server (S10).
 * A {@code 429} is honoured as a real app must: it waits the {@code Retry-After} it was given and sends
 * again, as long as each wait is at most {@link #MAX_AUTOMATIC_WAIT} and all of them add up to at most
 * {@link #MAX_THROTTLED_TOTAL}; a longer wait is the app's answer to show ("try again in N s").
 */
public final class SiteRouter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONNECT_INSTANCE_UNAVAILABLE = "/connect-instance-unavailable";
    /** The longest Retry-After the router waits by itself. */
    static final Duration MAX_AUTOMATIC_WAIT = Duration.ofSeconds(30);
    /** The longest one request is held back by 429s in all (a RELOGIN wave on default quotas lasts minutes). */
    static final Duration MAX_THROTTLED_TOTAL = Duration.ofMinutes(15);

    private final List<URI> sites;
    private final HttpClient http;
    private final Duration timeout;
    private final List<String> failovers = new ArrayList<>();
    private volatile URI current;

    /** {@code sites}: base URLs, primary first (the company settings' {@code mobilityServers}). */
    public SiteRouter(List<URI> sites, Duration timeout) {
        this(sites, timeout, newHttpClient(timeout));
    }

    /** Like {@link #SiteRouter(List, Duration)}, sending through {@code http} (the app's one HTTP client). */
    public SiteRouter(List<URI> sites, Duration timeout, HttpClient http) {
        if (sites.isEmpty()) {
            throw new IllegalArgumentException("at least one mobility site is needed");
        }
        this.sites = List.copyOf(sites);
        this.timeout = timeout;
        this.http = http;
        this.current = this.sites.get(0);
    }

    /** An HTTP client as the app's: connect timeout {@code timeout}, redirects not followed. */
    public static HttpClient newHttpClient(Duration timeout) {
        return HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A site's base URL as the router keeps it (with a trailing slash, so that paths resolve below it). */
    public static URI siteUrl(String baseUrl) {
        return URI.create(baseUrl.replaceAll("/*$", "/"));
    }

    /** The site requests go to now. */
    public URI current() {
        return current;
    }

    /** A new login starts at the primary again (S7). */
    public void startOver() {
        current = sites.get(0);
    }

    /** S10: serve this session from the site the server names (its base URL). */
    public void moveTo(URI site) {
        current = site;
    }

    /** Site changes so far, as "from -> to (why)". */
    public List<String> failovers() {
        return List.copyOf(failovers);
    }

    /**
     * Sends one request: to the current site, then to the other sites in order while a site fails
     * it. The answer of the site that answered; when none did, an {@link IOException} naming the last failure.
     */
    public Answer send(String method, String path, Object body, Map<String, String> headers) throws IOException {
        Answer answer = sendToASite(method, path, body, headers);
        Duration waited = Duration.ZERO;
        while (answer.status() == 429) {
            Optional<Duration> wait = answer.retryAfter().filter(w -> w.compareTo(MAX_AUTOMATIC_WAIT) <= 0);
            if (wait.isEmpty() || waited.plus(wait.get()).compareTo(MAX_THROTTLED_TOTAL) > 0) {
                break;
            }
            pause(wait.get());
            waited = waited.plus(wait.get());
            answer = sendToASite(method, path, body, headers);
        }
        return answer;
    }

    private Answer sendToASite(String method, String path, Object body, Map<String, String> headers)
            throws IOException {
        List<URI> order = new ArrayList<>(List.of(current));
        sites.stream().filter(site -> !site.equals(current)).forEach(order::add);
        IOException last = null;
        for (URI site : order) {
            try {
                Answer answer = exchange(site, method, path, body, headers);
                if (!answer.siteFailed()) {
                    if (!site.equals(current)) {
                        failovers.add(current + " -> " + site + " (" + (last == null ? "5xx" : last.getMessage()) + ")");
                        current = site;
                    }
                    return answer;
                }
                last = new IOException(site + " answered " + answer.status());
            } catch (IOException e) {
                last = new IOException(site + ": " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
            }
        }
        throw last;
    }

    private Answer exchange(URI site, String method, String path, Object body, Map<String, String> headers)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(site.resolve(path)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), parse(response.body()), response.body(),
                    response.headers().firstValue("Retry-After").flatMap(SiteRouter::seconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void pause(Duration wait) throws IOException {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** A Retry-After in seconds (the form our servers send); an HTTP date is not waited on automatically. */
    private static Optional<Duration> seconds(String retryAfter) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException notSeconds) {
            return Optional.empty();
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    /** A site's answer: status, JSON body (null when none or not JSON), the raw body and its Retry-After. */
    public record Answer(int status, JsonNode json, String body, Optional<Duration> retryAfter) {
        /** A 5xx about the site itself (not a problem the app must act on). */
        boolean siteFailed() {
            return status >= 500 && !problemType().map(type -> type.endsWith(CONNECT_INSTANCE_UNAVAILABLE)).orElse(false);
        }

        /** The problem type URI of an error answer. */
        public Optional<String> problemType() {
            return Optional.ofNullable(json).map(j -> j.get("type")).map(JsonNode::asText);
        }
    }
}
