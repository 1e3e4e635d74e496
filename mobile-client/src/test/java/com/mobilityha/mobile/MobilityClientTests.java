package com.mobilityha.mobile;

import com.mobilityha.mobile.state.AppState;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The app's state when a login cannot even reach a site. */
class MobilityClientTests {
    private HttpServer settingsSite;

    @AfterEach
    void stop() {
        if (settingsSite != null) {
            settingsSite.stop(0);
        }
    }

    @Test
    void S2_whenNoSiteOfTheCompanyAnswersTheLoginFailsAndTheAppIsSignedOutAgain() throws IOException {
        URI deadPrimary = closedPort();
        URI deadSecondary = closedPort();
        URI settings = settingsSite("{\"companyCode\":\"acme\",\"sso\":false,\"mobilityServers\":["
                + "{\"role\":\"primary\",\"baseUrl\":\"" + deadPrimary + "\"},"
                + "{\"role\":\"secondary\",\"baseUrl\":\"" + deadSecondary + "\"}],\"connectInstances\":[]}");
        MobilityClient app = new MobilityClient(List.of(settings), Duration.ofMillis(500));

        UncheckedIOException failure = assertThrows(UncheckedIOException.class,
                () -> app.login("acme", "alice", "secret"));

        assertTrue(failure.getMessage().contains("no mobility site answered"), failure.getMessage());
        assertEquals(AppState.SIGNED_OUT, app.state());
        assertEquals(List.of(), app.stateMachine().ignored());
    }

    private URI settingsSite(String body) throws IOException {
        settingsSite = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        settingsSite.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        settingsSite.start();
        return URI.create("http://127.0.0.1:" + settingsSite.getAddress().getPort() + "/");
    }

    private static URI closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
