package com.mobilityha.systemtests.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** JSON over HTTP with bounded timeouts; every answer keeps its status, body and round-trip time. */
public final class Http {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client;
    private final Duration timeout;

    public Http(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** One answer: status, content type, parsed JSON (or null), raw body, and the Server-Timing header ("" if none). */
    public record Answer(int status, String contentType, JsonNode json, String body, Duration elapsed,
                         String serverTiming) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** A short line for logs: status and problem type when there is one. */
        public String summary() {
            String type = json != null && json.has("type") ? " " + json.get("type").asText() : "";
            return status + type;
        }
    }

    /** Sends {@code body} (an object serialised to JSON, or none) with the given headers. */
    public Answer send(String method, String url, Object body, Map<String, String> headers) {
        if (body == null) {
            return exchange(method, url, HttpRequest.BodyPublishers.noBody(), headers);
        }
        Map<String, String> json = new java.util.HashMap<>(headers);
        json.putIfAbsent("Content-Type", "application/json");
        return exchange(method, url, HttpRequest.BodyPublishers.ofString(toJson(body)), json);
    }

    /** Whether a GET of {@code url} answers 200 now (false when nothing listens there yet): a readiness poll. */
    public boolean answersOk(String url) {
        try {
            return send("GET", url, null, Map.of()).status() == 200;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    /** Sends a body exactly as given; the caller sets Content-Type. */
    public Answer sendRaw(String method, String url, String body, Map<String, String> headers) {
        return exchange(method, url, HttpRequest.BodyPublishers.ofString(body), headers);
    }

    private Answer exchange(String method, String url, HttpRequest.BodyPublisher body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).method(method, body);
        headers.forEach(request::header);
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            return new Answer(response.statusCode(), contentType, parse(response.body()), response.body(), elapsed,
                    response.headers().firstValue("Server-Timing").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }
}
