package com.mobilityha.session.console;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.regex.Pattern;

/**
 * Keeps the console's sign-in secrets out of traces: the IdP redirects an administrator back to
 * {@code /admin/} with the authorization code and state in the query string, which the request's span
 * would record ({@code url.query}). Every parameter's value is replaced, its name kept.
 */
@ApplicationScoped
public class SignInCodeRedaction implements SpanProcessor {
    static final AttributeKey<String> URL_QUERY = AttributeKey.stringKey("url.query");
    private static final Pattern VALUE = Pattern.compile("=[^&]*");

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        String query = span.getAttribute(URL_QUERY);
        if (query != null && !query.isEmpty()) {
            span.setAttribute(URL_QUERY, VALUE.matcher(query).replaceAll("=redacted"));
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }
}
