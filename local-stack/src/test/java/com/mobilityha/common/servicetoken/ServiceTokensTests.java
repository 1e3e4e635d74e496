package com.mobilityha.common.servicetoken;

import com.mobilityha.common.config.MissingSecret;
import com.mobilityha.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Service tokens between the services of a site: who may present what, and for how long. */
class ServiceTokensTests {
    static final String KEY = key('a');
    static final String NEXT_KEY = key('b');
    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    static final Duration LIFETIME = Duration.ofSeconds(60);

    @Test
    void theCalledServiceLearnsWhoCalls() {
        String token = service("login-service", KEY, List.of(), NOW).mint("session-service");
        assertEquals("login-service", service("session-service", KEY, List.of(), NOW).callerOf(token));
    }

    @Test
    void aTokenOpensOnlyTheServiceItWasMadeFor() {
        String token = service("login-service", KEY, List.of(), NOW).mint("session-service");
        assertRefused(() -> service("connect-gateway", KEY, List.of(), NOW).callerOf(token));
    }

    @Test
    void aTokenLivesItsLifetimeAndTheClockSkewNoLonger() {
        String token = service("login-service", KEY, List.of(), NOW).mint("session-service");
        Instant lastValid = NOW.plus(LIFETIME).plus(ServiceTokens.CLOCK_SKEW);
        assertEquals("login-service", service("session-service", KEY, List.of(), lastValid).callerOf(token));
        assertRefused(() -> service("session-service", KEY, List.of(), lastValid.plusSeconds(1)).callerOf(token));
        Instant farBehind = NOW.minus(ServiceTokens.CLOCK_SKEW).minusSeconds(1);
        assertRefused(() -> service("session-service", KEY, List.of(), farBehind).callerOf(token)); // made "in the future"
    }

    @Test
    void anAlteredForgedOrForeignTokenIsRefused() {
        String token = service("notifier-service", KEY, List.of(), NOW).mint("session-service");
        ServiceTokens session = service("session-service", KEY, List.of(), NOW);
        assertRefused(() -> session.callerOf(token.replace("notifier-service", "login-service")));
        assertRefused(() -> session.callerOf(service("login-service", NEXT_KEY, List.of(), NOW).mint("session-service")));
        assertRefused(() -> session.callerOf("v1.login-service.session-service.9999999999.forged"));
        assertRefused(() -> session.callerOf(null));
        assertRefused(() -> session.callerOf("Bearer x"));
    }

    @Test
    void duringARotationTheNewAndTheOldKeyAreBothAccepted() {
        ServiceTokens rolledOut = service("session-service", NEXT_KEY, List.of(KEY), NOW);
        ServiceTokens notYet = service("session-service", KEY, List.of(NEXT_KEY), NOW);
        String fromOldPod = service("login-service", KEY, List.of(NEXT_KEY), NOW).mint("session-service");
        String fromNewPod = service("login-service", NEXT_KEY, List.of(KEY), NOW).mint("session-service");
        for (ServiceTokens pod : List.of(rolledOut, notYet)) {
            assertEquals("login-service", pod.callerOf(fromOldPod));
            assertEquals("login-service", pod.callerOf(fromNewPod));
        }
    }

    @Test
    void aMissingShortOrMalformedKeyStopsTheServiceNamingTheSettingNotTheValue() {
        MissingSecret missing = assertThrows(MissingSecret.class,
                () -> new ServiceTokens("login-service", Optional.empty(), List.of(), LIFETIME, Clock.systemUTC()).requireKey());
        assertEquals(true, missing.getMessage().contains("mobility.service-token.key"));
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        MissingSecret tooShort = assertThrows(MissingSecret.class, () -> service("login-service", shortKey, List.of(), NOW));
        assertEquals(false, tooShort.getMessage().contains(shortKey));
        assertThrows(MissingSecret.class, () -> service("login-service", "not base64!", List.of(), NOW));
        assertThrows(MissingSecret.class, () -> service("login-service", KEY, List.of("not base64!"), NOW));
    }

    private static ServiceTokens service(String name, String key, List<String> previous, Instant now) {
        return new ServiceTokens(name, Optional.of(key), previous, LIFETIME, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static void assertRefused(Runnable check) {
        ProblemException refused = assertThrows(ProblemException.class, check::run);
        assertEquals(401, refused.problem().getStatus());
    }

    private static String key(char fill) {
        return Base64.getEncoder().encodeToString(String.valueOf(fill).repeat(32).getBytes());
    }
}
