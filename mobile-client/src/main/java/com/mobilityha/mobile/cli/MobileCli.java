package com.mobilityha.mobile.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityha.mobile.MobilityClient;
import com.mobilityha.mobile.site.SiteRouter;
import com.mobilityha.mobile.sso.Redirect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The phone app on a terminal: one command per line, each answered with the app's state.
 * {@code java -cp mobile-client.jar com.mobilityha.mobile.cli.MobileCli <site-url> [<site-url>…]}, then
 * {@code settings <company>}, {@code login <company> <user> <password>}, {@code sso <company>} (prints
 * the sign-in URL, reads the redirect URL back), {@code session}, {@code call <e164>}, {@code hangup <id>},
 * {@code push <kind>}, {@code logout}, {@code quit}.
 */
public final class MobileCli {
    private final MobilityClient app;
    private final BufferedReader in;
    private final PrintStream out;

    MobileCli(MobilityClient app, BufferedReader in, PrintStream out) {
        this.app = app;
        this.in = in;
        this.out = out;
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: MobileCli <site-url> [<site-url>...]   (the app's built-in sites, primary first)");
            System.exit(2);
        }
        List<URI> sites = Arrays.stream(args).map(SiteRouter::siteUrl).toList();
        run(sites, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out);
    }

    /** Runs the commands read from {@code in} against these sites (primary first) until {@code quit} or the end. */
    public static void run(List<URI> sites, BufferedReader in, PrintStream out) {
        new MobileCli(new MobilityClient(sites, Duration.ofSeconds(5)), in, out).run();
    }

    private void run() {
        String line;
        while ((line = readLine("> ")) != null && !line.strip().equals("quit")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                out.println(execute(line.strip().split("\\s+")));
            } catch (MobilityClient.Refused e) {
                out.println("refused: " + e.getMessage());
            } catch (RuntimeException e) {
                out.println("error: " + e.getMessage());
            }
            out.println("[" + app.state() + "]");
        }
    }

    private String execute(String[] words) {
        return switch (words[0]) {
            case "settings" -> app.settings(arg(words, 1)).toString();
            case "login" -> describe(app.login(arg(words, 1), arg(words, 2), arg(words, 3)));
            case "sso" -> describe(app.ssoLogin(arg(words, 1), this::signInInBrowser, this::agrees));
            case "session" -> app.session().toString();
            case "call" -> "contact " + app.call(arg(words, 1));
            case "hangup" -> {
                app.hangUp(arg(words, 1));
                yield "call ended; served by " + app.currentSite();
            }
            case "push" -> {
                app.onPush(arg(words, 1));
                yield "push " + words[1] + " handled";
            }
            case "checkin" -> app.checkIn().toString();
            case "available" -> app.goAvailable().toString();
            case "logout" -> {
                app.logout();
                yield "logged out";
            }
            default -> "commands: settings, login, sso, session, call, hangup, push, checkin, available, logout, quit";
        };
    }

    private static String describe(JsonNode session) {
        return "signed in: session " + session.path("sessionId").asText() + " on the "
                + session.at("/instance/role").asText() + " Connect instance, site " + session.path("site").asText();
    }

    /** The user opens the URL in a browser, signs in, and pastes the URL the browser was sent back to. */
    private Map<String, String> signInInBrowser(String authorizationUrl) {
        out.println("sign in at: " + authorizationUrl);
        String redirect = readLine("redirect URL: ");
        return redirect == null ? Map.of() : Redirect.query(redirect);
    }

    /** S4: "Your Connect instance is unavailable. Sign in on the other one?" */
    private boolean agrees(JsonNode offeredInstance) {
        String answer = readLine("the instance you signed in to is unavailable; sign in on the "
                + offeredInstance.path("role").asText() + " instance? [y/n] ");
        return answer != null && answer.strip().toLowerCase().startsWith("y");
    }

    private String readLine(String prompt) {
        out.print(prompt);
        out.flush();
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String arg(String[] words, int index) {
        if (words.length <= index) {
            throw new IllegalArgumentException("missing argument " + index + " of '" + words[0] + "'");
        }
        return words[index];
    }
}
