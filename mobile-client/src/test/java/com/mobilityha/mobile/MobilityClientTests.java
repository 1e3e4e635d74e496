package com.mobilityha.mobile;

import com.mobilityha.mobile.state.AppState;
import com.mobilityha.mobile.testing.LoopbackSites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The app's state when a login cannot even reach a site. */
class MobilityClientTests {
    private final LoopbackSites sites = new LoopbackSites();

    @AfterEach
    void stop() {
        sites.close();
    }

    @Test
    void S2_whenNoSiteOfTheCompanyAnswersTheLoginFailsAndTheAppIsSignedOutAgain() {
        URI deadPrimary = LoopbackSites.closedPort();
        URI deadSecondary = LoopbackSites.closedPort();
        URI settings = sites.answering(200, "{\"companyCode\":\"acme\",\"sso\":false,\"mobilityServers\":["
                + "{\"role\":\"primary\",\"baseUrl\":\"" + deadPrimary + "\"},"
                + "{\"role\":\"secondary\",\"baseUrl\":\"" + deadSecondary + "\"}],\"connectInstances\":[]}", 0);
        MobilityClient app = new MobilityClient(List.of(settings), Duration.ofMillis(500));

        UncheckedIOException failure = assertThrows(UncheckedIOException.class,
                () -> app.login("acme", "alice", "secret"));

        assertTrue(failure.getMessage().contains("no mobility site answered"), failure.getMessage());
        assertEquals(AppState.SIGNED_OUT, app.state());
        assertEquals(List.of(), app.stateMachine().ignored());
    }
}
