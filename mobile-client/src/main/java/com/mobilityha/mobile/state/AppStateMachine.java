package com.mobilityha.mobile.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import static com.mobilityha.mobile.state.AppEvent.CALL_ENDED;
import static com.mobilityha.mobile.state.AppEvent.CALL_STARTED;
import static com.mobilityha.mobile.state.AppEvent.CONSENT_GIVEN;
import static com.mobilityha.mobile.state.AppEvent.CONSENT_REFUSED;
import static com.mobilityha.mobile.state.AppEvent.FAILBACK_RECEIVED;
import static com.mobilityha.mobile.state.AppEvent.LOGGED_OUT;
import static com.mobilityha.mobile.state.AppEvent.LOGIN_FAILED;
import static com.mobilityha.mobile.state.AppEvent.LOGIN_STARTED;
import static com.mobilityha.mobile.state.AppEvent.LOGIN_SUCCEEDED;
import static com.mobilityha.mobile.state.AppEvent.MADE_UNREACHABLE_TOLD;
import static com.mobilityha.mobile.state.AppEvent.OTHER_INSTANCE_OFFERED;
import static com.mobilityha.mobile.state.AppEvent.RELOGIN_RECEIVED;
import static com.mobilityha.mobile.state.AppEvent.SESSION_ENDED;
import static com.mobilityha.mobile.state.AppEvent.STATUS_CHOSEN;
import static com.mobilityha.mobile.state.AppEvent.WAKE_RECEIVED;
import static com.mobilityha.mobile.state.AppState.ACTIVE;
import static com.mobilityha.mobile.state.AppState.AWAITING_CONSENT;
import static com.mobilityha.mobile.state.AppState.FAILBACK_OFFERED;
import static com.mobilityha.mobile.state.AppState.MADE_UNREACHABLE;
import static com.mobilityha.mobile.state.AppState.ON_CALL;
import static com.mobilityha.mobile.state.AppState.RELOGIN_REQUIRED;
import static com.mobilityha.mobile.state.AppState.SIGNED_OUT;
import static com.mobilityha.mobile.state.AppState.SIGNING_IN;

/**
 * The app's state machine. Every allowed transition is in {@link #TRANSITIONS}; an event that has
 * no transition from the current state is ignored and reported (a late push, a double tap), never
 * a crash. Listeners see every transition that happened, in order.
 */
public final class AppStateMachine {
    private static final Map<AppState, Map<AppEvent, AppState>> TRANSITIONS = new EnumMap<>(AppState.class);

    static {
        allow(LOGIN_STARTED, SIGNING_IN, SIGNED_OUT, RELOGIN_REQUIRED, FAILBACK_OFFERED);
        allow(LOGIN_SUCCEEDED, ACTIVE, SIGNING_IN);
        allow(LOGIN_FAILED, SIGNED_OUT, SIGNING_IN);
        allow(OTHER_INSTANCE_OFFERED, AWAITING_CONSENT, SIGNING_IN);
        allow(CONSENT_GIVEN, SIGNING_IN, AWAITING_CONSENT);
        allow(CONSENT_REFUSED, SIGNED_OUT, AWAITING_CONSENT);
        allow(CALL_STARTED, ON_CALL, ACTIVE, FAILBACK_OFFERED, MADE_UNREACHABLE);
        allow(CALL_ENDED, ACTIVE, ON_CALL);
        for (AppState working : List.of(ACTIVE, ON_CALL, FAILBACK_OFFERED, RELOGIN_REQUIRED, MADE_UNREACHABLE)) {
            allow(WAKE_RECEIVED, working, working);
        }
        allow(RELOGIN_RECEIVED, RELOGIN_REQUIRED, ACTIVE, ON_CALL, FAILBACK_OFFERED, MADE_UNREACHABLE);
        allow(FAILBACK_RECEIVED, FAILBACK_OFFERED, ACTIVE);
        allow(MADE_UNREACHABLE_TOLD, MADE_UNREACHABLE, ACTIVE, FAILBACK_OFFERED);
        allow(STATUS_CHOSEN, ACTIVE, MADE_UNREACHABLE);
        allow(SESSION_ENDED, SIGNED_OUT, ACTIVE, ON_CALL, RELOGIN_REQUIRED, FAILBACK_OFFERED, MADE_UNREACHABLE);
        allow(LOGGED_OUT, SIGNED_OUT, ACTIVE, ON_CALL, RELOGIN_REQUIRED, FAILBACK_OFFERED, MADE_UNREACHABLE);
    }

    private final List<BiConsumer<AppState, AppState>> listeners = new ArrayList<>();
    private final List<String> ignored = new ArrayList<>();
    private AppState state = SIGNED_OUT;

    private static void allow(AppEvent event, AppState to, AppState... from) {
        for (AppState source : from) {
            TRANSITIONS.computeIfAbsent(source, s -> new EnumMap<>(AppEvent.class)).put(event, to);
        }
    }

    /** Where {@code event} leads from {@code from}; empty when the event means nothing there. */
    public static Optional<AppState> next(AppState from, AppEvent event) {
        return Optional.ofNullable(TRANSITIONS.getOrDefault(from, Map.of()).get(event));
    }

    public synchronized AppState state() {
        return state;
    }

    /** Applies an event: the new state, or the unchanged one when the event has no transition here. */
    public AppState fire(AppEvent event) {
        AppState from;
        AppState to;
        synchronized (this) {
            from = state;
            Optional<AppState> next = next(from, event);
            if (next.isEmpty()) {
                ignored.add(event + " in " + from);
                return from;
            }
            to = next.get();
            state = to;
        }
        listeners.forEach(listener -> listener.accept(from, to));
        return to;
    }

    /** Called with (from, to) after each transition. */
    public void onTransition(BiConsumer<AppState, AppState> listener) {
        listeners.add(listener);
    }

    /** Events that arrived where they mean nothing, as "EVENT in STATE". */
    public synchronized List<String> ignored() {
        return Collections.unmodifiableList(new ArrayList<>(ignored));
    }
}
