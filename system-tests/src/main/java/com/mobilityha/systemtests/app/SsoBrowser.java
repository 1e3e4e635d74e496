package com.mobilityha.systemtests.app;

import com.mobilityha.mobile.sso.Pkce;
import com.mobilityha.mobile.sso.Redirect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The phone's side of an SSO sign-in: a PKCE pair (RFC 7636, S256) and a browser that opens the
 * authorization URL and stops at the redirect back to the app, whose query it returns
 * ({@code code} and {@code state}, or {@code error}).
 */
public final class SsoBrowser {
    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Pkce pkce = Pkce.create();

    /** Kept by the app, sent only to complete the login. */
    public String verifier() {
        return pkce.verifier();
    }

    /** Sent when the login starts. */
    public String challenge() {
        return pkce.challenge();
    }

    /** Opens the URL: the query of the redirect back to the app. */
    public Map<String, String> open(String authorizationUrl) {
        try {
            HttpResponse<String> response = BROWSER.send(HttpRequest.newBuilder(URI.create(authorizationUrl))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            String location = response.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException(
                    "the IdP did not redirect: " + response.statusCode()));
            return Redirect.query(location);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
