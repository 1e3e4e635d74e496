package com.mobilityha.mobile.sso;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The IdP's redirect back to the app: its query ({@code code}, {@code state}, or {@code error}). */
public final class Redirect {
    private Redirect() {
    }

    /** The decoded query parameters of the redirect URL; empty when it has none. */
    public static Map<String, String> query(String redirectUrl) {
        Map<String, String> query = new HashMap<>();
        String raw = URI.create(redirectUrl.strip()).getRawQuery();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }
}
