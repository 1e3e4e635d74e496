package com.mobilityha.common.company;

import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A company's dialing rules: denied prefixes win, allowed ones are the only ones, bad prefixes fail the start. */
class DialingRulesTests {

    @Test
    void aDeniedPrefixWinsOverAnAllowedOne() {
        DialingRules rules = DialingRules.of("acme", config(List.of("+1", "+44"), List.of("+1900", "+44909")));
        ProblemException refused = assertThrows(ProblemException.class, () -> rules.check("destination", "+19005550100"));
        assertEquals(ProblemType.DESTINATION_NOT_ALLOWED.uri(), refused.problem().getType());
        assertEquals(403, refused.problem().getStatus());
        assertEquals(Map.of("kind", "denied-prefix", "prefix", "+1900"), refused.problem().getExtensions().get("rule"));
        assertTrue(refused.problem().getDetail().startsWith("destination +19005550100"), refused.problem().getDetail());
        assertDoesNotThrow(() -> rules.check("destination", "+14155550100"));
    }

    @Test
    void withAllowedPrefixesOnlyTheyMayBeDialled() {
        DialingRules rules = DialingRules.of("acme", config(List.of("+44"), List.of()));
        ProblemException refused = assertThrows(ProblemException.class, () -> rules.check("phoneNumber", "+33612345678"));
        assertEquals(Map.of("kind", "allowed-prefixes", "prefixes", List.of("+44")),
                refused.problem().getExtensions().get("rule"));
        assertDoesNotThrow(() -> rules.check("phoneNumber", "+447700900123"));
    }

    @Test
    void withoutRulesEveryNumberMayBeDialled() {
        assertDoesNotThrow(() -> DialingRules.of("acme", config(null, null)).check("destination", "+19005550100"));
    }

    @Test
    void aPrefixThatIsNotPlusAndDigitsFailsTheStartNamingTheCompany() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> DialingRules.of("acme", config(null, List.of("1900"))));
        assertTrue(bad.getMessage().contains("mobility.companies.acme.dialing"), bad.getMessage());
    }

    private static CompaniesConfig.DialingConfig config(List<String> allowed, List<String> denied) {
        return new CompaniesConfig.DialingConfig() {
            @Override
            public Optional<List<String>> allowedPrefixes() {
                return Optional.ofNullable(allowed);
            }

            @Override
            public Optional<List<String>> deniedPrefixes() {
                return Optional.ofNullable(denied);
            }
        };
    }
}
