package com.mobilityha.systemtests.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityha.localstack.http.RawHttp;
import com.mobilityha.localstack.process.FreePorts;
import com.mobilityha.localstack.process.ServiceProcess;
import com.mobilityha.systemtests.app.Http;
import com.mobilityha.systemtests.junit.OnLocalStack;
import com.mobilityha.systemtests.junit.StackKind;
import com.mobilityha.systemtests.kube.Deployment;
import com.mobilityha.systemtests.kube.PodManifest;
import com.mobilityha.systemtests.stack.LocalStack;
import com.mobilityha.systemtests.stack.Site;
import com.mobilityha.systemtests.stack.SiteIngress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An attacker guesses passwords and rotates {@code X-Forwarded-For} to escape login-service's limit of
 * attempts per client address (60 a minute in production). The stack's own login-service allows far
 * more (every simulated phone comes from one loopback address), so the site here gets a login-service
 * replica on production's limit behind an ingress of its own; the rest of the site is the stack's.
 * On loopback, {@code 127.0.0.2} and {@code .3} are attackers and {@code .4} a real client, each another peer
 * than the ingress ({@code 127.0.0.1}).
 */
@OnLocalStack(StackKind.ONE_SITE)
class LoginRateLimitAttacksTest {
    private static final int PER_ADDRESS = 60;
    private static final int GUESSES = 80;
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static Deployment limitedLogin;
    private static SiteIngress ingress;

    @BeforeAll
    static void startLoginServiceOnProductionsLimit(LocalStack stack) {
        Site site = stack.site("primary");
        Map<String, String> properties = site.properties("login-service");
        properties.remove("login.rate-limit.per-address");
        limitedLogin = new Deployment("login-service-limited", ServiceProcess.module("login-service"),
                PodManifest.of("login-service"), 1, properties, FreePorts.next(), FreePorts.next(), event -> { });
        limitedLogin.start(Duration.ofSeconds(90));
        ingress = SiteIngress.start(FreePorts.next(), limitedLogin.endpoints(), site.deployment("session-service").endpoints(),
                site.deployment("connect-gateway").endpoints(), site.deployment("notifier-service").endpoints());
    }

    @AfterAll
    static void stop() {
        if (ingress != null) {
            ingress.close();
        }
        if (limitedLogin != null) {
            limitedLogin.close();
        }
    }

    @Test
    void Attack_rotatingXForwardedForStraightToALoginPodIsThrottledAfterTheLimit() throws IOException {
        List<Integer> answers = guessFrom("127.0.0.2", limitedLogin.pods().get(0).baseUrl(), "direct");
        assertEquals(PER_ADDRESS, answers.stream().filter(status -> status == 401).count(), answers.toString());
        assertEquals(GUESSES - PER_ADDRESS, answers.stream().filter(status -> status == 429).count(), answers.toString());
        aRealClientStillLogsIn();
    }

    @Test
    void Attack_rotatingXForwardedForThroughTheIngressIsThrottledAfterTheLimit() throws IOException {
        List<Integer> answers = guessFrom("127.0.0.3", ingress.url(), "ingress");
        assertEquals(PER_ADDRESS, answers.stream().filter(status -> status == 401).count(), answers.toString());
        assertEquals(GUESSES - PER_ADDRESS, answers.stream().filter(status -> status == 429).count(), answers.toString());
        aRealClientStillLogsIn();
    }

    /** Wrong passwords for ever new users (so that no per-user limit stops them), each with a new forged address. */
    private static List<Integer> guessFrom(String attacker, String baseUrl, String tag) {
        RawHttp from = RawHttp.from(attacker, WAIT);
        List<Integer> statuses = new ArrayList<>();
        for (int guess = 1; guess <= GUESSES; guess++) {
            String body = Http.toJson(Map.of("companyCode", LocalStack.COMPANY, "username", "guess-" + tag + "-" + guess,
                    "password", "wrong-" + guess));
            RawHttp.Answer answer = from.send("POST", baseUrl + "/api/v1/logins", Map.of("Content-Type", "application/json",
                    "X-Forwarded-For", "198.51.100." + guess), body.getBytes(StandardCharsets.UTF_8), RawHttp.Framing.CONTENT_LENGTH);
            if (answer.status() == 429) {
                assertEquals("application/problem+json", answer.header("Content-Type"));
                assertTrue(answer.body().contains("/problems/throttled") && answer.header("Retry-After") != null, answer.body());
            }
            statuses.add(answer.status());
        }
        return statuses;
    }

    /**
     * Another client through the ingress is counted on its own: it logs in while the attacker is held back.
     * ({@code 127.0.0.1} would share its count with the whole stack's logins, in the same Redis.)
     */
    private static void aRealClientStillLogsIn() throws IOException {
        String credentials = Http.toJson(Map.of("companyCode", LocalStack.COMPANY, "username", LocalStack.USERS.get(0),
                "password", LocalStack.PASSWORD));
        RawHttp.Answer login = RawHttp.from("127.0.0.4", WAIT).send("POST", ingress.url() + "/api/v1/logins",
                Map.of("Content-Type", "application/json"), credentials.getBytes(StandardCharsets.UTF_8),
                RawHttp.Framing.CONTENT_LENGTH);
        assertEquals(201, login.status(), login.body());
        String token = new ObjectMapper().readTree(login.body()).path("sessionToken").asText();
        Http.Answer logout = new Http(WAIT).send("DELETE", ingress.url() + "/api/v1/session", null,
                Map.of("Authorization", "Bearer " + token));
        assertEquals(204, logout.status(), logout.summary());
    }
}
