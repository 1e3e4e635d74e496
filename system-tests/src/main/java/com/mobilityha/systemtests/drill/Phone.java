package com.mobilityha.systemtests.drill;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityha.localstack.push.Delivery;
import com.mobilityha.mobile.MobilityClient;
import com.mobilityha.mobile.push.PushInbox;
import com.mobilityha.mobile.push.ReceivedPush;
import com.mobilityha.mobile.reachability.CheckIns;
import com.mobilityha.mobile.site.RaceSettings;
import com.mobilityha.mobile.site.SiteRouter;
import com.mobilityha.mobile.sso.SignInPage;
import com.mobilityha.mobile.state.AppState;
import com.mobilityha.systemtests.stack.LocalStack;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An agent's phone in a drill: the reference app ({@link MobilityClient}) whose built-in site list
 * is the stack's two sites, with a push receiver on the mock APNs server (iPhone) or the mock FCM
 * endpoint (Android). It counts what the agent has to do: credential entries.
 */
public final class Phone {
    /** How long a patient app ({@link #patientApp}) gives each request. */
    public static final Duration PATIENT_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern KIND = Pattern.compile("\"kind\":\"(\\w+)\"");
    private static final Pattern NOTIFICATION_ID = Pattern.compile("\"notificationId\":\"([A-Za-z0-9_-]+)\"");
    /** A RELOGIN wave's slot: numbers in an APNs payload, strings in FCM data. */
    private static final Pattern SIGN_IN_AFTER = Pattern.compile("\"signInAfter\":\"?(\\d+)");
    private static final Pattern SIGN_IN_WITHIN = Pattern.compile("\"signInWithin\":\"?(\\d+)");

    private final String agent;
    private final MobilityClient app;
    private final String platform;
    private final String token;
    private final Supplier<List<Delivery>> deliveries;
    private final PushInbox inbox;
    private int credentialEntries;
    private int pushesSeen;
    private CheckIns checkIns;

    private Phone(String agent, MobilityClient app, String platform, String token, Supplier<List<Delivery>> deliveries) {
        this.agent = agent;
        this.app = app;
        this.platform = platform;
        this.token = token;
        this.deliveries = deliveries;
        this.inbox = () -> deliveries.get().stream()
                .filter(delivery -> KIND.matcher(delivery.payload()).find())
                .map(Phone::received)
                .toList();
    }

    /** An iPhone of {@code agent}: pushes through the mock APNs server; the app races the sites as by default. */
    public static Phone iPhone(LocalStack stack, String agent, Duration timeout) {
        return iPhone(stack, agent, RaceSettings.of(timeout));
    }

    /** An iPhone of {@code agent} whose app races the sites as {@code races} says. */
    public static Phone iPhone(LocalStack stack, String agent, RaceSettings races) {
        return iPhone(stack, agent, races, SiteRouter.newHttpClient(races.timeout()));
    }

    /**
     * An iPhone whose app races the sites as {@code races} says and sends through {@code http} (simulated
     * phones of a load test share one client).
     */
    public static Phone iPhone(LocalStack stack, String agent, RaceSettings races, HttpClient http) {
        String token = stack.apns().newDeviceToken();
        return new Phone(agent, app(stack, races, http), "APNS", token, () -> stack.apns().deliveriesTo(token));
    }

    /** An Android phone of {@code agent}: pushes through the mock FCM v1 endpoint; the app races the sites as by default. */
    public static Phone android(LocalStack stack, String agent, Duration timeout) {
        return android(stack, agent, RaceSettings.of(timeout));
    }

    /** An Android phone of {@code agent} whose app races the sites as {@code races} says. */
    public static Phone android(LocalStack stack, String agent, RaceSettings races) {
        String token = stack.fcm().newDeviceToken();
        return new Phone(agent, app(stack, races, SiteRouter.newHttpClient(races.timeout())), "FCM", token,
                () -> stack.fcm().deliveriesTo(token));
    }

    /**
     * The app's race with room for a slow site: each request may take {@link #PATIENT_TIMEOUT}, and the site the
     * servers name may take as long to answer its probe. For a drill that fails site primary under agents signed in there:
     * a site's first logins after a (re)start are slow on a busy machine (a loaded test run saw one take 6 s at a
     * site restarted 40 s before, its JVMs cold), and an app that gave up on it after the drills' 3 s rightly
     * signed in at site secondary. Requests to a site that is down fail at once (its edge resets the connection),
     * so the drills' timings do not depend on the timeout; drills of the race itself (S2) keep the defaults.
     */
    public static RaceSettings patientApp() {
        return new RaceSettings(PATIENT_TIMEOUT, RaceSettings.DEFAULT_HEAD_START, PATIENT_TIMEOUT,
                RaceSettings.DEFAULT_MEMORY);
    }

    private static MobilityClient app(LocalStack stack, RaceSettings races, HttpClient http) {
        return new MobilityClient(List.of(URI.create(stack.url(stack.ports().primary().edge()) + "/"),
                URI.create(stack.url(stack.ports().secondary().edge()) + "/")), races, http);
    }

    /** The agent types the password (one credential entry); the session. */
    public JsonNode signIn(String company) {
        credentialEntries++;
        return app.login(company, agent, LocalStack.PASSWORD);
    }

    /** An SSO login; every sign-in the IdP page takes is a credential entry (a refusal before credentials is not). */
    public JsonNode ssoSignIn(String company, SignInPage idpPage) {
        return app.ssoLogin(company, url -> {
            Map<String, String> redirect = idpPage.signIn(url);
            if (redirect.containsKey("code")) {
                credentialEntries++;
            }
            return redirect;
        }, offered -> true);
    }

    /** Registers the phone for pushes; later logins register it again for their session. */
    public void registerForPushes() {
        app.registerDevice(platform, token, LocalStack.APP_ID, inbox);
    }

    /**
     * Waits until a push of {@code kind} arrived after those seen so far and the app has reacted to
     * every push up to it; false on timeout. A site not answering while the app reacts counts as not yet.
     */
    public boolean awaitPush(String kind, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> kinds = kinds();
            int at = kinds.subList(Math.min(pushesSeen, kinds.size()), kinds.size()).indexOf(kind);
            if (at >= 0) {
                try {
                    app.handleNewPushes();
                    pushesSeen += at + 1;
                    return true;
                } catch (RuntimeException siteNotAnsweringYet) {
                    // the app retries on its next wake-up
                }
            }
            sleep();
        }
        return false;
    }

    /**
     * The session as the app reads it, once it names {@code site} (within {@code timeout}; else as last read): a
     * site takeover wakes the phones first and re-homes their sessions after, so a refresh right after the WAKE
     * may still find the dead site named for a moment.
     */
    public JsonNode sessionServedBy(String site, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode session = app.session();
        while (!site.equals(session.path("site").asText()) && System.nanoTime() < deadline) {
            sleep();
            session = app.session();
        }
        return session;
    }

    /**
     * B8: the app runs on its own from now on, as on a phone in the foreground: it handles the pushes that
     * arrive (and acknowledges them) and checks in on the server's schedule ({@link CheckIns}). While it
     * runs, only it handles pushes: use {@link #pushesOf} to see them, not {@link #awaitPush}.
     */
    public void runApp() {
        checkIns = CheckIns.start(app);
    }

    /** The phone's OS suspends the app (pushes still arrive, the app neither handles them nor checks in). */
    public void suspendApp() {
        checkIns.suspend();
    }

    /** The app comes back to the foreground: pending pushes handled, a check-in at once. */
    public void resumeApp() {
        checkIns.resume();
    }

    /** Check-ins of the running app that failed so far (no site answered within the app's timeout, or a refusal). */
    public int checkInFailures() {
        return checkIns == null ? 0 : checkIns.failures();
    }

    /** How many pushes of {@code kind} reached the phone so far. */
    public long pushesOf(String kind) {
        return kinds().stream().filter(kind::equals).count();
    }

    /** Whether a push of {@code kind} arrived that {@link #awaitPush} has not yet returned. */
    public boolean hasUnseenPush(String kind) {
        List<String> kinds = kinds();
        return kinds.subList(Math.min(pushesSeen, kinds.size()), kinds.size()).contains(kind);
    }

    private List<String> kinds() {
        return inbox.received().stream().map(ReceivedPush::kind).toList();
    }

    /** A push as the phone's OS hands it to the app, from its payload (APNs) or message (FCM), as of its arrival. */
    private static ReceivedPush received(Delivery delivery) {
        String payload = delivery.payload();
        Matcher kind = KIND.matcher(payload);
        kind.find();
        Matcher after = SIGN_IN_AFTER.matcher(payload);
        Matcher within = SIGN_IN_WITHIN.matcher(payload);
        Matcher notificationId = NOTIFICATION_ID.matcher(payload);
        return new ReceivedPush(kind.group(1), notificationId.find() ? notificationId.group(1) : null,
                after.find() && within.find()
                ? Optional.of(new ReceivedPush.Slot(Duration.ofSeconds(Long.parseLong(after.group(1))),
                        Duration.ofSeconds(Long.parseLong(within.group(1)))))
                : Optional.empty(), delivery.atNanos());
    }

    /** The latest push as the phone's OS handed it over (APNs payload or FCM message, JSON); "" when none. */
    public String lastPush() {
        List<Delivery> all = deliveries.get();
        return all.isEmpty() ? "" : all.get(all.size() - 1).payload();
    }

    public MobilityClient app() {
        return app;
    }

    public AppState state() {
        return app.state();
    }

    /** The device token the push service knows this phone by. */
    public String token() {
        return token;
    }

    public String agent() {
        return agent;
    }

    public int credentialEntries() {
        return credentialEntries;
    }

    /** The site the app talks to now, e.g. {@code http://127.0.0.1:9080/}. */
    public URI site() {
        return app.currentSite();
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
