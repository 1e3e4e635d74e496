package com.mobilityha.mobile;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityha.mobile.push.PushInbox;
import com.mobilityha.mobile.push.ReceivedPush;
import com.mobilityha.mobile.site.RaceSettings;
import com.mobilityha.mobile.site.SiteRacing;
import com.mobilityha.mobile.site.SiteRouter;
import com.mobilityha.mobile.sso.Pkce;
import com.mobilityha.mobile.sso.SignInPage;
import com.mobilityha.mobile.state.AppEvent;
import com.mobilityha.mobile.state.AppState;
import com.mobilityha.mobile.state.AppStateMachine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The reference app for one agent: company settings (cached), directory and SSO logins at the
 * company's sites (primary first, S2), the "OK?" of S4, reactions to WAKE / RELOGIN / FAILBACK pushes,
 * following the session to the site the server names after each call (S10), check-ins and push
 * acknowledgements with the offer to go Available again after the server made the agent unreachable
 * (B8; run on a schedule by {@code reachability.CheckIns}), and logout. Its
 * state is an {@link AppStateMachine}; every server refusal is a {@link Refused} with the problem.
 */
public final class MobilityClient {
    /** How often the app checks in until the server says otherwise (B8). */
    public static final Duration DEFAULT_CHECK_IN_EVERY = Duration.ofSeconds(60);
    /** The routable status the app offers after the server made the agent unreachable (B8). */
    public static final String AVAILABLE = "Available";
    private final List<URI> settingsSites;
    private final Duration timeout;
    private final HttpClient http;
    private final SiteRacing racing;
    private final AppStateMachine state = new AppStateMachine();
    private final Map<String, JsonNode> settings = new ConcurrentHashMap<>();
    private SiteRouter sites;
    private String sessionToken;
    private String sessionInstanceId;
    private String companyCode;
    private volatile String callInProgress;
    private PushInbox inbox;
    private Map<String, String> device;
    private int pushesHandled;
    /** System.nanoTime before which a new sign-in waits (a RELOGIN wave's slot); 0 for none. */
    private long signInNotBefore;
    /** How often to check in, as the server last said (B8). */
    private volatile Duration checkInEvery = DEFAULT_CHECK_IN_EVERY;

    /**
     * {@code settingsSites}: where the app asks for company settings (its built-in site list, primary first);
     * {@code timeout}: of each request (the sites are raced with the default head start, {@link RaceSettings#of}).
     */
    public MobilityClient(List<URI> settingsSites, Duration timeout) {
        this(settingsSites, RaceSettings.of(timeout), SiteRouter.newHttpClient(timeout));
    }

    /**
     * Like {@link #MobilityClient(List, Duration)}, racing the sites as {@code races} says, with the app's HTTP
     * client (several apps of a load test may share one).
     */
    public MobilityClient(List<URI> settingsSites, RaceSettings races, HttpClient http) {
        this.settingsSites = List.copyOf(settingsSites);
        this.timeout = races.timeout();
        this.http = http;
        this.racing = new SiteRacing(races, http);
    }

    public AppState state() {
        return state.state();
    }

    public AppStateMachine stateMachine() {
        return state;
    }

    /** S1: the company's sites, Connect instances and login method; asked once per company. */
    public JsonNode settings(String company) {
        return settings.computeIfAbsent(company.toLowerCase(Locale.ROOT), code -> {
            SiteRouter.Answer answer = send(new SiteRouter(settingsSites, code, racing), "GET",
                    "api/v1/companies/" + code + "/settings", null);
            if (answer.status() != 200) {
                throw new Refused(answer);
            }
            return answer.json();
        });
    }

    /** A directory (non-SSO) login with username and password. */
    public JsonNode login(String company, String username, String password) {
        SiteRouter router = startLogin(company);
        return signingIn(() -> finishLogin(send(router, "POST", "api/v1/logins",
                Map.of("companyCode", company, "username", username, "password", password))));
    }

    /**
     * An SSO login: the server names the instance and its IdP page, the user signs in there, the app
     * completes with the code and its PKCE verifier. The IdP refusing before credentials (S5) restarts
     * once on the next instance; the instance dying meanwhile (S4) asks {@code consent} before
     * signing in on the one the server offers.
     */
    public JsonNode ssoLogin(String company, SignInPage page, Predicate<JsonNode> consent) {
        SiteRouter router = startLogin(company);
        return signingIn(() -> sso(router, company, page, consent));
    }

    private JsonNode sso(SiteRouter router, String company, SignInPage page, Predicate<JsonNode> consent) {
        Pkce pkce = Pkce.create();
        SiteRouter.Answer started = startSso(router, company, pkce, null);
        Map<String, String> redirect = page.signIn(started.json().get("authorizationUrl").asText());
        if (redirect.containsKey("error")) {
            started = startSso(router, company, pkce, nextInstanceRole(company,
                    started.json().at("/instance/role").asText()));
            redirect = page.signIn(started.json().get("authorizationUrl").asText());
        }
        String loginId = started.json().get("loginId").asText();
        while (true) {
            SiteRouter.Answer done = send(router, "POST", "api/v1/logins/" + loginId + "/complete",
                    Map.of("code", redirect.getOrDefault("code", ""), "state", redirect.getOrDefault("state", ""),
                            "codeVerifier", pkce.verifier()));
            JsonNode retryWith = done.json() == null ? null : done.json().get("retryWith");
            if (done.status() != 503 || retryWith == null) {
                return finishLogin(done);
            }
            state.fire(AppEvent.OTHER_INSTANCE_OFFERED);
            if (!consent.test(retryWith.get("instance"))) {
                throw new Refused(done); // leaves AWAITING_CONSENT as CONSENT_REFUSED
            }
            state.fire(AppEvent.CONSENT_GIVEN);
            loginId = retryWith.get("loginId").asText();
            redirect = page.signIn(retryWith.get("authorizationUrl").asText());
        }
    }

    /**
     * The session as the server has it; a RELOGIN_REQUIRED status moves the app there, and the app's
     * call follows the session's: a call it did not start (inbound, transferred) puts it on a call, a call
     * that ended without it (the customer hung up) ends it, with the after-call step of {@link #hangUp}.
     */
    public JsonNode session() {
        JsonNode session = authenticated("GET", "api/v1/session", null).json();
        if ("RELOGIN_REQUIRED".equals(session.path("status").asText())) {
            state.fire(AppEvent.RELOGIN_RECEIVED);
            return session;
        }
        sessionInstanceId = session.at("/instance/instanceId").asText(sessionInstanceId); // B3: moved by the server
        callInProgress = session.path("call").path("contactId").asText(null);
        if (callInProgress != null && state.state() == AppState.ACTIVE) {
            state.fire(AppEvent.CALL_STARTED);
        } else if (callInProgress == null && state.state() == AppState.ON_CALL) {
            afterCall();
        }
        return session;
    }

    /**
     * The Connect instance the session works on, as the server last said: a Global Resiliency company's server
     * moves a session to the replica without a new sign-in (B3), and the WAKE that says so refreshes it.
     */
    public Optional<String> instanceId() {
        return Optional.ofNullable(sessionInstanceId);
    }

    /** The contact of the call in progress, as the server last said (empty: none). */
    public Optional<String> callInProgress() {
        return Optional.ofNullable(callInProgress);
    }

    /**
     * Registers this phone for pushes of the session ({@code APNS} or {@code FCM}) and reads them from
     * {@code inbox} from now on ({@link #handleNewPushes}); every later login registers it again for
     * its new session, as the app does.
     */
    public void registerDevice(String platform, String token, String appId, PushInbox inbox) {
        Map<String, String> registration = Map.of("platform", platform, "token", token, "appId", appId);
        authenticated("PUT", "api/v1/devices/current", registration);
        this.device = registration;
        this.inbox = inbox;
        this.pushesHandled = inbox.received().size();
    }

    /** Reacts to the pushes that arrived since the last call, in order; how many there were. */
    public synchronized int handleNewPushes() {
        List<ReceivedPush> pushes = inbox == null ? List.of() : inbox.received();
        List<ReceivedPush> fresh = pushes.subList(Math.min(pushesHandled, pushes.size()), pushes.size());
        for (ReceivedPush push : fresh) {
            onPush(push); // a reaction that fails (no site answered) is tried again on the next call
            pushesHandled++;
        }
        return fresh.size();
    }

    /** A push of this kind arrived, without a sign-in window. */
    public void onPush(String kind) {
        onPush(ReceivedPush.of(kind));
    }

    /**
     * A push arrived: WAKE refreshes the session (its instance too, moved by the server under Global Resiliency,
     * B3: no sign-in; a call it says was lost ends) and, off a call, follows it to the site that serves it now (S6), RELOGIN and FAILBACK change what the agent is asked to
     * do. A RELOGIN of a wave also picks this app's moment to sign in again, at random within its
     * slot ({@link #signInWait}).
     */
    public void onPush(ReceivedPush push) {
        acknowledge(push);
        switch (push.kind()) {
            case "WAKE" -> {
                if (state.fire(AppEvent.WAKE_RECEIVED) != AppState.SIGNED_OUT && sessionToken != null) {
                    session();
                    if (state.state() == AppState.ACTIVE) {
                        followServingSite();
                    }
                }
            }
            case "RELOGIN" -> {
                if (state.fire(AppEvent.RELOGIN_RECEIVED) != AppState.RELOGIN_REQUIRED) {
                    return;
                }
                signInNotBefore = push.signInSlot()
                        .map(slot -> push.receivedAtNanos() + slot.after().toNanos()
                                + (long) (ThreadLocalRandom.current().nextDouble() * slot.within().toNanos()))
                        .orElse(0L);
            }
            case "FAILBACK" -> state.fire(AppEvent.FAILBACK_RECEIVED);
            default -> { } // MESSAGE: shown to the agent, no state change
        }
    }

    /**
     * B8: tells the server this push reached the phone (its delivery report counts it as delivered, and the
     * phone is known reachable). A push this session was not sent (404: an older session's) is not retried.
     */
    private void acknowledge(ReceivedPush push) {
        if (push.notificationId() == null || sessionToken == null) {
            return;
        }
        try {
            authenticated("POST", "api/v1/devices/current/acks", Map.of("notificationId", push.notificationId()));
        } catch (Refused refused) {
            if (refused.status() != 404) {
                throw refused;
            }
        }
    }

    /**
     * B8: checks in (the phone is reachable). The answer says when to check in next ({@link #checkInEvery}) and
     * whether the server made the agent non-routable while the phone was silent: the app then offers "go
     * Available again?" (state {@code MADE_UNREACHABLE}, {@link #goAvailable}).
     */
    public synchronized JsonNode checkIn() {
        JsonNode answer = authenticated("POST", "api/v1/session/check-ins", null).json();
        checkInEvery = Duration.ofSeconds(Math.max(1, answer.path("checkInEvery").asLong(DEFAULT_CHECK_IN_EVERY.toSeconds())));
        if (answer.hasNonNull("unreachable")) {
            state.fire(AppEvent.MADE_UNREACHABLE_TOLD);
        }
        return answer;
    }

    /** How often to check in, as the server last said. */
    public Duration checkInEvery() {
        return checkInEvery;
    }

    /** The agent accepts the offer after being made unreachable: Available again. */
    public synchronized JsonNode goAvailable() {
        return setStatus(AVAILABLE);
    }

    /**
     * How long until this app's turn to sign in again in a RELOGIN wave (zero: now). The reference app
     * holds a new sign-in until then; a real app shows "reconnecting you in N s" and asks for credentials
     * at its turn.
     */
    public Duration signInWait() {
        return Duration.ofNanos(Math.max(0, signInNotBefore - System.nanoTime()));
    }

    /** Sets the agent's status on its Connect instance by name (e.g. {@code Available}, {@code Lunch}); the status set. */
    public JsonNode setStatus(String status) {
        JsonNode set = authenticated("PUT", "api/v1/agent/status", Map.of("status", status)).json();
        if (state.state() == AppState.MADE_UNREACHABLE) {
            state.fire(AppEvent.STATUS_CHOSEN);
        }
        return set;
    }

    /** Calls a number; the contact id. */
    public String call(String destination) {
        String contactId = authenticated("POST", "api/v1/calls", Map.of("destination", destination)).json()
                .get("contactId").asText();
        callInProgress = contactId;
        state.fire(AppEvent.CALL_STARTED);
        return contactId;
    }

    /**
     * Hangs up, then asks where the session is served now and moves there without a new login (S10).
     * A call that is no longer on the session (the customer hung up first) is over all the same.
     */
    public void hangUp(String contactId) {
        try {
            authenticated("DELETE", "api/v1/calls/" + contactId, null);
        } catch (Refused refused) {
            if (refused.status() != 404) {
                throw refused;
            }
        }
        afterCall();
    }

    /** The call is over: asks where the session is served now and moves there without a new login (S10). */
    private void afterCall() {
        callInProgress = null;
        state.fire(AppEvent.CALL_ENDED);
        followServingSite();
    }

    /** Asks where the session is served now and moves there without a new login (S6, S10). */
    private void followServingSite() {
        JsonNode active = authenticated("GET", "api/v1/servers/active", null).json();
        URI site = SiteRouter.siteUrl(active.get("baseUrl").asText());
        if (!site.equals(sites.current())) {
            sites.moveTo(site);
        }
    }

    /** Logs out (devices, Connect status, IdP token and session are the server's to clean up). */
    public void logout() {
        authenticated("DELETE", "api/v1/session", null);
        sessionToken = null;
        state.fire(AppEvent.LOGGED_OUT);
    }

    /** The site this app talks to now. */
    public URI currentSite() {
        return sites == null ? null : sites.current();
    }

    /** The app's site changes so far, as "from -> to (why)" (none before the first sign-in). */
    public List<String> siteChanges() {
        return sites == null ? List.of() : sites.failovers();
    }

    /** Runs a login; whatever stops it half-way (no site, the IdP page, a refusal) leaves the app signed out. */
    private JsonNode signingIn(Supplier<JsonNode> login) {
        try {
            return login.get();
        } catch (RuntimeException e) {
            if (state.state() == AppState.SIGNING_IN) {
                state.fire(AppEvent.LOGIN_FAILED);
            } else if (state.state() == AppState.AWAITING_CONSENT) {
                state.fire(AppEvent.CONSENT_REFUSED);
            }
            throw e;
        }
    }

    private SiteRouter startLogin(String company) {
        awaitSignInTurn();
        List<URI> siteUrls = new ArrayList<>();
        settings(company).get("mobilityServers")
                .forEach(site -> siteUrls.add(SiteRouter.siteUrl(site.get("baseUrl").asText())));
        sites = new SiteRouter(siteUrls, company, racing);
        companyCode = company;
        state.fire(AppEvent.LOGIN_STARTED);
        return sites;
    }

    /** Holds a new sign-in until this app's turn in a RELOGIN wave. */
    private void awaitSignInTurn() {
        Duration wait = signInWait();
        signInNotBefore = 0;
        if (!wait.isZero()) {
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the sign-in turn", e);
            }
        }
    }

    private SiteRouter.Answer startSso(SiteRouter router, String company, Pkce pkce, String instanceRole) {
        Map<String, String> body = new HashMap<>(Map.of("companyCode", company, "codeChallenge", pkce.challenge(),
                "codeChallengeMethod", "S256"));
        if (instanceRole != null) {
            body.put("instanceRole", instanceRole);
        }
        SiteRouter.Answer started = send(router, "POST", "api/v1/logins", body);
        if (started.status() != 201) {
            throw new Refused(started);
        }
        return started;
    }

    private String nextInstanceRole(String company, String refused) {
        for (JsonNode instance : settings(company).get("connectInstances")) {
            if (!instance.get("role").asText().equals(refused)) {
                return instance.get("role").asText();
            }
        }
        throw new IllegalStateException("The IdP refused and the company has no other Connect instance");
    }

    private JsonNode finishLogin(SiteRouter.Answer answer) {
        if (answer.status() != 201) {
            throw new Refused(answer);
        }
        String replaced = sessionToken;
        String replacedInstance = sessionInstanceId;
        sessionToken = answer.json().get("sessionToken").asText();
        JsonNode session = answer.json().get("session");
        sessionInstanceId = session.at("/instance/instanceId").asText();
        if (replaced != null && !sessionInstanceId.equals(replacedInstance)) {
            endInBackground(replaced);
        }
        if (device != null) {
            authenticated("PUT", "api/v1/devices/current", device);
        }
        state.fire(AppEvent.LOGIN_SUCCEEDED);
        return session;
    }

    /**
     * Ends the session a new login on another instance replaced (after RELOGIN or FAILBACK), so that
     * the agent is not left Available on the instance they left and the old session stops counting
     * as theirs. Best effort and in the background: the new session is what matters; the server
     * expires the old one anyway.
     */
    private void endInBackground(String replacedToken) {
        HttpRequest logout = HttpRequest.newBuilder(sites.current().resolve("api/v1/session")).timeout(timeout)
                .header("Authorization", "Bearer " + replacedToken).DELETE().build();
        http.sendAsync(logout, HttpResponse.BodyHandlers.discarding());
    }

    private SiteRouter.Answer authenticated(String method, String path, Object body) {
        if (sessionToken == null) {
            throw new IllegalStateException("not signed in (company " + companyCode + ")");
        }
        SiteRouter.Answer answer;
        try {
            answer = sites.send(method, path, body, Map.of("Authorization", "Bearer " + sessionToken));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (answer.status() == 401) {
            sessionToken = null;
            state.fire(AppEvent.SESSION_ENDED);
        }
        if (answer.status() >= 400) {
            throw new Refused(answer);
        }
        return answer;
    }

    private static SiteRouter.Answer send(SiteRouter router, String method, String path, Object body) {
        try {
            return router.send(method, path, body, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("no mobility site answered", e);
        }
    }

    /** The server said no: its status and problem document. */
    public static final class Refused extends RuntimeException {
        private final transient SiteRouter.Answer answer;

        Refused(SiteRouter.Answer answer) {
            super(answer.status() + " " + answer.problemType().orElse(answer.body()));
            this.answer = answer;
        }

        public int status() {
            return answer.status();
        }

        public JsonNode problem() {
            return answer.json();
        }
    }
}
