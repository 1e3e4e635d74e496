package com.mobilityha.mobile.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Sends the app's requests to a mobility site. It starts with the primary (S2, S7: every new login
 * starts there) unless the app saw it fail lately, and races the next site when the current one has not
 * answered within the head start (Happy Eyeballs, {@link SiteRace}): a safe request (GET) is itself
 * raced; an unsafe one is sent to one site only, chosen when the current site has not answered lately by
 * a raced probe, {@code GET /api/v1/servers/active}, whose answer names the site to use; the named site
 * gets {@link RaceSettings#namedSiteWait()} to answer too before the app settles for another (S2 without
 * signing the agent in twice). A
 * site that cannot be reached within the timeout or answers a 5xx about itself fails the request there;
 * a 5xx problem about Amazon Connect ({@code connect-instance-unavailable}) is an answer to the app, not a
 * reason to change sites. After a success it stays on the site that answered; {@link #moveTo} follows
 * the server (S10).
 * A {@code 429} is honoured as a real app must: it waits the {@code Retry-After} it was given and sends
 * again, as long as each wait is at most {@link #MAX_AUTOMATIC_WAIT} and all of them add up to at most
 * {@link #MAX_THROTTLED_TOTAL}; a longer wait is the app's answer to show ("try again in N s").
 */
public final class SiteRouter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONNECT_INSTANCE_UNAVAILABLE = "/connect-instance-unavailable";
    /** Methods that change nothing on the server (RFC 9110 §9.2.1): the only ones sent to two sites at once. */
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");
    /** The longest Retry-After the router waits by itself. */
    static final Duration MAX_AUTOMATIC_WAIT = Duration.ofSeconds(30);
    /** The longest one request is held back by 429s in all (a RELOGIN wave on default quotas lasts minutes). */
    static final Duration MAX_THROTTLED_TOTAL = Duration.ofMinutes(15);

    private final List<URI> sites;
    private final String probePath;
    private final SiteRacing racing;
    private final List<String> failovers = new ArrayList<>();
    private volatile URI current;

    /**
     * {@code sites}: base URLs, primary first (the company settings' {@code mobilityServers});
     * {@code companyCode}: the company whose {@code servers/active} answer the probe asks for.
     */
    public SiteRouter(List<URI> sites, String companyCode, SiteRacing racing) {
        if (sites.isEmpty()) {
            throw new IllegalArgumentException("at least one mobility site is needed");
        }
        this.sites = List.copyOf(sites);
        this.probePath = "api/v1/servers/active?companyCode=" + URLEncoder.encode(companyCode, StandardCharsets.UTF_8);
        this.racing = racing;
        this.current = racing.memory().preferred(this.sites);
    }

    /** An HTTP client as the app's: connect timeout {@code timeout}, redirects not followed. */
    public static HttpClient newHttpClient(Duration timeout) {
        return HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A site's base URL as the router keeps it (with a trailing slash, so that paths resolve below it). */
    public static URI siteUrl(String baseUrl) {
        return URI.create(baseUrl.replaceAll("/+$", "") + "/");
    }

    /** The site requests go to now. */
    public URI current() {
        return current;
    }

    /** A new login starts at the primary again (S7), or at the next site while the app remembers the primary failing. */
    public void startOver() {
        current = racing.memory().preferred(sites);
    }

    /** S10: serve this session from the site the server names (its base URL), whatever the app remembers of it. */
    public void moveTo(URI site) {
        current = site;
    }

    /** Site changes so far, as "from -> to (why)". */
    public List<String> failovers() {
        return List.copyOf(failovers);
    }

    /**
     * Sends one request, to the current site first (above). The answer of the site that answered; when
     * none did, an {@link IOException} naming the last failure.
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
        String json = body == null ? null : JSON.writeValueAsString(body);
        Function<URI, HttpRequest> request = site -> request(site, method, path, json, headers);
        if (SAFE_METHODS.contains(method)) {
            return raced(request);
        }
        if (sites.size() > 1 && !racing.memory().recentlyAnswered(current)) {
            chooseByProbe(headers);
        }
        return inTurn(request);
    }

    /** A safe request raced over the sites, the current one first; the site that answered becomes current. */
    private Answer raced(Function<URI, HttpRequest> request) throws IOException {
        try (SiteRace race = racing.race(racing.memory().order(current, sites), request)) {
            SiteRace.Outcome won = race.firstAnswer();
            settleOn(won.site(), whyNotCurrent(race));
            return won.answer();
        }
    }

    /**
     * Before an unsafe request to a site not heard from lately: races the probe, then goes to the site its
     * answer names if that one answers too within the named site's wait (the server decides where new
     * logins start and where a session is served), else to the site that answered.
     */
    private void chooseByProbe(Map<String, String> headers) throws IOException {
        try (SiteRace race = racing.race(racing.memory().order(current, sites),
                site -> request(site, "GET", probePath, null, headers))) {
            SiteRace.Outcome won = race.firstAnswer();
            Optional<URI> named = namedSite(won.answer()).filter(site -> !site.equals(won.site()));
            if (named.isPresent() && !racing.memory().recentlyFailed(named.get())
                    && race.answerOf(named.get(), racing.settings().namedSiteWait()).isPresent()) {
                settleOn(named.get(), "servers/active names it");
            } else {
                settleOn(won.site(), whyNotCurrent(race));
            }
        }
    }

    /** The request to the current site, then to the others in order while a site fails it; never to two at once. */
    private Answer inTurn(Function<URI, HttpRequest> request) throws IOException {
        IOException last = null;
        for (URI site : racing.memory().order(current, sites)) {
            try (SiteRace alone = racing.race(List.of(site), request)) {
                Answer answer = alone.firstAnswer().answer();
                if (last != null) { // the current site, asked first, failed it
                    settleOn(site, last.getMessage());
                }
                return answer;
            } catch (IOException failed) {
                last = failed;
            }
        }
        throw last;
    }

    private void settleOn(URI site, String why) {
        if (!site.equals(current)) {
            failovers.add(current + " -> " + site + " (" + why + ")");
            current = site;
        }
    }

    private String whyNotCurrent(SiteRace race) {
        return race.failureOf(current).map(Throwable::getMessage).orElse("no answer within the head start");
    }

    /** The site a {@code servers/active} answer names, if it is one of this company's. */
    private Optional<URI> namedSite(Answer answer) {
        return Optional.ofNullable(answer.json()).map(json -> json.get("baseUrl")).filter(JsonNode::isTextual)
                .map(baseUrl -> siteUrl(baseUrl.asText())).filter(sites::contains);
    }

    private HttpRequest request(URI site, String method, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(site.resolve(path)).timeout(racing.settings().timeout())
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return request.build();
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
        static Answer of(HttpResponse<String> response) {
            return new Answer(response.statusCode(), parse(response.body()), response.body(),
                    response.headers().firstValue("Retry-After").flatMap(SiteRouter::seconds));
        }

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
