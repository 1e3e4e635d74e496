package com.mobilityha.common.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An RFC 9457 problem document; extension members (e.g. {@code retryWith}) are flattened into it. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance"})
public final class Problem {
    /** The media type every error is answered with. */
    public static final String MEDIA_TYPE = "application/problem+json";

    private final URI type;
    private final String title;
    private final int status;
    private final String detail;
    private final String instance;
    private final Map<String, Object> extensions;

    private Problem(URI type, String title, int status, String detail, String instance, Map<String, Object> extensions) {
        this.type = type;
        this.title = title;
        this.status = status;
        this.detail = detail;
        this.instance = instance;
        this.extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null, Map.of());
    }

    /**
     * A problem read back from another service's problem document, keeping its type, status and
     * extension members so that it can be relayed to the app unchanged.
     */
    public static Problem fromMap(Map<String, Object> document) {
        Map<String, Object> extensions = new LinkedHashMap<>(document);
        Object type = extensions.remove("type");
        Object title = extensions.remove("title");
        Object status = extensions.remove("status");
        Object detail = extensions.remove("detail");
        extensions.remove("instance");
        return new Problem(URI.create(String.valueOf(type)), String.valueOf(title),
                status instanceof Number number ? number.intValue() : 502,
                detail == null ? null : String.valueOf(detail), null, extensions);
    }

    /** A copy carrying one more extension member. */
    public Problem with(String member, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(extensions);
        copy.put(member, value);
        return new Problem(type, title, status, detail, instance, copy);
    }

    /** A copy naming the request path it answers. */
    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, extensions);
    }

    public URI getType() {
        return type;
    }

    public String getTitle() {
        return title;
    }

    public int getStatus() {
        return status;
    }

    public String getDetail() {
        return detail;
    }

    public String getInstance() {
        return instance;
    }

    @JsonAnyGetter
    public Map<String, Object> getExtensions() {
        return extensions;
    }
}
