package com.mobilityha.systemtests.app;

import com.mobilityha.mobile.sso.Redirect;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieHandler;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A user at Keycloak's sign-in pages, as the phone's browser shows them: the username and password
 * form, then the one-time code form, the code computed from the user's authenticator secret
 * (RFC 6238, HMAC-SHA1, 6 digits, 30 s). Each sign-in starts with a fresh browser (no SSO cookie),
 * as a new login on a phone does; {@link #signIns()} counts how often credentials were entered.
 */
public final class KeycloakSignIn {
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");
    private static final Pattern FEEDBACK = Pattern.compile(
            "(?:kc-feedback-text|input-error[^\"]*|pf-v5-c-alert__title[^\"]*)\"[^>]*>([^<]+)<");

    private final String username;
    private final String password;
    private final String totpSecret;
    /** The TOTP period each user last used a code of (one authenticator per user, whatever the test). */
    private static final Map<String, Long> LAST_PERIOD = new ConcurrentHashMap<>();

    private int signIns;

    public KeycloakSignIn(String username, String password, String totpSecret) {
        this.username = username;
        this.password = password;
        this.totpSecret = totpSecret;
    }

    /** Credentials and one-time code entered so far. */
    public int signIns() {
        return signIns;
    }

    /** Signs in at the authorization URL: the redirect back to the app is returned as the {@link SsoBrowser} does. */
    public Map<String, String> signIn(String authorizationUrl) {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new LoopbackCookies())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> form = send(browser, HttpRequest.newBuilder(URI.create(authorizationUrl)).GET());
        HttpResponse<String> afterPassword = post(browser, formAction(form), Map.of("username", username,
                "password", password, "credentialId", ""));
        signIns++;
        HttpResponse<String> last = afterPassword.statusCode() == 200 && afterPassword.body().contains("name=\"otp\"")
                ? post(browser, formAction(afterPassword), Map.of("otp", freshCode(), "login", "Sign In"))
                : afterPassword;
        String location = last.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException(
                "Keycloak did not send the browser back to the app (" + last.statusCode() + "): " + feedback(last)));
        return Redirect.query(location);
    }

    /**
     * The current one-time code; like a person at their authenticator app, waits for the next one
     * when this one was already used (IdPs refuse a code twice).
     */
    private String freshCode() {
        long period = Instant.now().getEpochSecond() / 30;
        if (LAST_PERIOD.getOrDefault(username, -1L) == period) {
            try {
                Thread.sleep((period + 1) * 30_000 - System.currentTimeMillis() + 200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Instant now = Instant.now();
        LAST_PERIOD.put(username, now.getEpochSecond() / 30);
        return totp(now);
    }

    /** The RFC 6238 code of this instant. */
    String totp(Instant at) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(totpSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(at.getEpochSecond() / 30).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the page tells the user (Keycloak's feedback or field error), for a failed sign-in. */
    private static String feedback(HttpResponse<String> page) {
        Matcher message = FEEDBACK.matcher(page.body());
        return message.find() ? message.group(1).trim() : page.uri().toString();
    }

    private static String formAction(HttpResponse<String> page) {
        Matcher action = FORM_ACTION.matcher(page.body());
        if (page.statusCode() != 200 || !action.find()) {
            throw new IllegalStateException("no sign-in form (" + page.statusCode() + "): " + feedback(page));
        }
        return action.group(1).replace("&amp;", "&");
    }

    private static HttpResponse<String> post(HttpClient browser, String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(browser, HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * The browser's cookie jar. Keycloak marks its session cookies {@code Secure}; browsers treat
     * loopback addresses as a secure context and send them over plain HTTP, the JDK's CookieManager
     * does not, so this jar keeps every cookie of the one loopback IdP and sends it back.
     */
    private static final class LoopbackCookies extends CookieHandler {
        private final Map<String, String> cookies = new ConcurrentHashMap<>();

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
            if (cookies.isEmpty()) {
                return Map.of();
            }
            return Map.of("Cookie", List.of(cookies.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "))));
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) {
            responseHeaders.forEach((name, values) -> {
                if ("set-cookie".equalsIgnoreCase(name)) {
                    for (String value : values) {
                        String pair = value.split(";", 2)[0];
                        int eq = pair.indexOf('=');
                        if (eq > 0) {
                            cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                        }
                    }
                }
            });
        }
    }

    private static HttpResponse<String> send(HttpClient browser, HttpRequest.Builder request) {
        try {
            return browser.send(request.timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
