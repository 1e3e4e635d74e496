package com.mobilityha.session.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a browser does to sign in to the console, over HTTP: the page sends it to the IdP's sign-in form,
 * the form back through the authorization code flow to the console, whose session cookie it keeps.
 */
final class ConsoleBrowserSession {
    private static final Pattern FORM = Pattern.compile("action=\"([^\"]+)\".*name=\"query\" value=\"([^\"]*)\"",
            Pattern.DOTALL);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(TIMEOUT).build();
    private final URI site;

    private ConsoleBrowserSession(URI site) {
        this.site = site;
    }

    /** Signed in to the console of {@code site} as {@code username}. */
    static ConsoleBrowserSession signIn(URI site, String username, String password) {
        ConsoleBrowserSession browser = new ConsoleBrowserSession(site);
        HttpResponse<String> form = browser.send(HttpRequest.newBuilder(site.resolve("/admin/")).GET());
        Matcher fields = FORM.matcher(form.body());
        if (!fields.find()) {
            throw new IllegalStateException("no sign-in form: " + form.statusCode() + " " + form.body());
        }
        String body = "username=" + encode(username) + "&password=" + encode(password)
                + "&query=" + encode(fields.group(2).replace("&amp;", "&"));
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(form.uri().resolve(fields.group(1)))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
        if (page.statusCode() != 200 || !page.uri().getPath().startsWith("/admin/")) {
            throw new IllegalStateException("not signed in: " + page.statusCode() + " at " + page.uri());
        }
        return browser;
    }

    /** GETs a console path (e.g. {@code /admin/api/me}) with the session cookie. */
    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(site.resolve(path)).header("Accept", "application/json").GET());
    }

    /** POSTs a JSON body to a console action from the console's own page (its Origin), with these headers. */
    HttpResponse<String> post(String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(site.resolve(path)).header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .header("Origin", site.getScheme() + "://" + site.getRawAuthority())
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
