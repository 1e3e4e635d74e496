package com.mobilityha.systemtests.security;

import com.mobilityha.localstack.http.RawHttp;
import com.mobilityha.systemtests.app.Http;
import com.mobilityha.systemtests.junit.OnLocalStack;
import com.mobilityha.systemtests.junit.StackKind;
import com.mobilityha.systemtests.stack.LocalStack;
import com.mobilityha.systemtests.stack.Site;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An attacker sends bodies over the 64 KiB limit without declaring their length (chunked), so that no
 * {@code Content-Length} check sees them coming: through the site's ingress, and straight to each
 * service's pod (another pod of the cluster, or an ingress that streams bodies on). Each is a 413
 * {@code payload-too-large} problem, never a reset connection, a 5xx or a parsed body; an agent at work
 * meanwhile is not disturbed.
 */
@OnLocalStack(StackKind.ONE_SITE)
class BodySizeAttacksTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int TWO_MEGABYTES = 2 * 1024 * 1024;
    private static final int JUST_OVER = 65 * 1024;
    private static final RawHttp ATTACKER = RawHttp.from("127.0.0.2", WAIT);
    private static Site site;
    private static String agentToken;

    @BeforeAll
    static void anAgentIsAtWork(LocalStack stack) {
        site = stack.site("primary");
        Http.Answer login = new Http(WAIT).send("POST", site.url() + "/api/v1/logins", Map.of("companyCode",
                LocalStack.COMPANY, "username", LocalStack.USERS.get(1), "password", LocalStack.PASSWORD), Map.of());
        assertEquals(201, login.status(), login.summary());
        agentToken = login.json().path("sessionToken").asText();
    }

    @AfterAll
    static void theAgentLogsOut() {
        if (agentToken != null) {
            assertEquals(204, new Http(WAIT).send("DELETE", site.url() + "/api/v1/session", null, bearer()).status());
        }
    }

    @Test
    void Attack_aChunkedBodyOverTheLimitThroughTheSiteIngressIsA413Problem() {
        for (int size : new int[] {TWO_MEGABYTES, JUST_OVER}) {
            assertPayloadTooLarge(ATTACKER.send("POST", site.url() + "/api/v1/logins", json(), jsonOfSize(size),
                    RawHttp.Framing.CHUNKED), size);
        }
        theAgentStillWorks();
        RawHttp.Answer normal = ATTACKER.send("GET", site.url() + "/api/v1/companies/" + LocalStack.COMPANY + "/settings",
                Map.of(), new byte[0], RawHttp.Framing.CONTENT_LENGTH);
        assertEquals(200, normal.status(), normal.body());
    }

    @Test
    void Attack_aChunkedBodyOverTheLimitStraightToEachServicesPodIsA413Problem() {
        Map<String, String> appPaths = Map.of(
                "login-service", "POST /api/v1/logins",
                "session-service", "POST /internal/v1/sessions",
                "connect-gateway", "POST /api/v1/calls",
                "notifier-service", "PUT /api/v1/devices/current");
        appPaths.forEach((module, request) -> {
            String[] methodAndPath = request.split(" ");
            for (int size : new int[] {TWO_MEGABYTES, JUST_OVER}) {
                Map<String, String> headers = new HashMap<>(json());
                headers.putAll(bearer());
                assertPayloadTooLarge(ATTACKER.send(methodAndPath[0], site.serviceUrl(module) + methodAndPath[1], headers,
                        jsonOfSize(size), RawHttp.Framing.CHUNKED), size);
            }
        });
        theAgentStillWorks();
    }

    private static void assertPayloadTooLarge(RawHttp.Answer answer, int size) {
        assertEquals(413, answer.status(), size + " bytes: " + answer.body());
        assertEquals("application/problem+json", answer.header("Content-Type"), size + " bytes");
        assertTrue(answer.body().contains("/problems/payload-too-large"), answer.body());
    }

    private static void theAgentStillWorks() {
        Http.Answer session = new Http(WAIT).send("GET", site.url() + "/api/v1/session", null, bearer());
        assertEquals(200, session.status(), session.summary());
        assertEquals("ACTIVE", session.json().path("status").asText());
    }

    private static Map<String, String> json() {
        return Map.of("Content-Type", "application/json");
    }

    private static Map<String, String> bearer() {
        return Map.of("Authorization", "Bearer " + agentToken);
    }

    /** Valid JSON of {@code size} bytes (a login whose password is too long): a pod that lets it in reads and parses it. */
    private static byte[] jsonOfSize(int size) {
        String head = "{\"companyCode\":\"" + LocalStack.COMPANY + "\",\"username\":\"mallory\",\"password\":\"";
        return (head + "x".repeat(size - head.length() - 2) + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
