package com.mobilityha.mobile.state;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The app's transitions as an agent lives them. */
class AppStateMachineTests {
    private final AppStateMachine app = new AppStateMachine();

    @Test
    void anAgentsDayWithAnInstanceFailoverAndAFailBack() {
        List<String> seen = new ArrayList<>();
        app.onTransition((from, to) -> seen.add(from + ">" + to));

        assertEquals(AppState.SIGNING_IN, app.fire(AppEvent.LOGIN_STARTED));
        assertEquals(AppState.ACTIVE, app.fire(AppEvent.LOGIN_SUCCEEDED));
        assertEquals(AppState.ACTIVE, app.fire(AppEvent.WAKE_RECEIVED), "S6: a site failover changes nothing");
        assertEquals(AppState.ON_CALL, app.fire(AppEvent.CALL_STARTED));
        assertEquals(AppState.RELOGIN_REQUIRED, app.fire(AppEvent.RELOGIN_RECEIVED), "S11: the call is lost");
        assertEquals(AppState.SIGNING_IN, app.fire(AppEvent.LOGIN_STARTED));
        assertEquals(AppState.ACTIVE, app.fire(AppEvent.LOGIN_SUCCEEDED));
        assertEquals(AppState.FAILBACK_OFFERED, app.fire(AppEvent.FAILBACK_RECEIVED));
        assertEquals(AppState.ON_CALL, app.fire(AppEvent.CALL_STARTED), "the agent keeps working meanwhile");
        assertEquals(AppState.ACTIVE, app.fire(AppEvent.CALL_ENDED));
        assertEquals(AppState.SIGNED_OUT, app.fire(AppEvent.LOGGED_OUT));

        assertEquals(11, seen.size());
        assertEquals("ON_CALL>RELOGIN_REQUIRED", seen.get(4));
    }

    @Test
    void S4_theAppAsksBeforeSigningInOnTheOtherInstance() {
        app.fire(AppEvent.LOGIN_STARTED);
        assertEquals(AppState.AWAITING_CONSENT, app.fire(AppEvent.OTHER_INSTANCE_OFFERED));
        assertEquals(AppState.SIGNING_IN, app.fire(AppEvent.CONSENT_GIVEN));
        assertEquals(AppState.ACTIVE, app.fire(AppEvent.LOGIN_SUCCEEDED));

        AppStateMachine declined = new AppStateMachine();
        declined.fire(AppEvent.LOGIN_STARTED);
        declined.fire(AppEvent.OTHER_INSTANCE_OFFERED);
        assertEquals(AppState.SIGNED_OUT, declined.fire(AppEvent.CONSENT_REFUSED));
    }

    @Test
    void eventsThatMeanNothingInAStateAreIgnoredAndReported() {
        assertEquals(AppState.SIGNED_OUT, app.fire(AppEvent.RELOGIN_RECEIVED), "a late push after logout");
        assertEquals(AppState.SIGNED_OUT, app.fire(AppEvent.CALL_STARTED));
        app.fire(AppEvent.LOGIN_STARTED);
        app.fire(AppEvent.LOGIN_SUCCEEDED);
        app.fire(AppEvent.CALL_STARTED);
        assertEquals(AppState.ON_CALL, app.fire(AppEvent.FAILBACK_RECEIVED), "never interrupt a call");

        assertEquals(List.of("RELOGIN_RECEIVED in SIGNED_OUT", "CALL_STARTED in SIGNED_OUT", "FAILBACK_RECEIVED in ON_CALL"),
                app.ignored());
    }

    @Test
    void aSessionEndedElsewhereSignsTheAppOutFromAnyWorkingState() {
        for (AppState working : List.of(AppState.ACTIVE, AppState.ON_CALL, AppState.RELOGIN_REQUIRED,
                AppState.FAILBACK_OFFERED)) {
            assertEquals(AppState.SIGNED_OUT, AppStateMachine.next(working, AppEvent.SESSION_ENDED).orElseThrow());
        }
        assertEquals(AppState.SIGNED_OUT, AppStateMachine.next(AppState.SIGNING_IN, AppEvent.LOGIN_FAILED).orElseThrow());
    }
}
