package com.mobilityha.common.company;

import com.mobilityha.common.problem.Problem;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The numbers a company's agents may dial and give as the desk phone Connect rings: an agent (or a
 * stolen session) must not run up premium-rate bills on the company's Connect account. A denied
 * prefix always wins; when allowed prefixes are set, only numbers starting with one of them pass.
 * Numbers are checked once validated as E.164, so a prefix match cannot be dodged by formatting.
 *
 * @param allowed the only prefixes that may be dialled; empty: any number not denied
 * @param denied  prefixes never dialled
 */
public record DialingRules(List<String> allowed, List<String> denied) {
    private static final Pattern PREFIX = Pattern.compile("\\+[0-9]{1,15}");

    /** The rules of a company's configuration; a prefix that is not {@code +} and digits fails the start. */
    static DialingRules of(String companyCode, CompaniesConfig.DialingConfig config) {
        DialingRules rules = new DialingRules(config.allowedPrefixes().orElse(List.of()),
                config.deniedPrefixes().orElse(List.of()));
        Stream.concat(rules.allowed.stream(), rules.denied.stream())
                .filter(prefix -> !PREFIX.matcher(prefix).matches()).findFirst()
                .ifPresent(prefix -> {
                    throw new IllegalArgumentException("mobility.companies." + companyCode
                            + ".dialing: the prefix '" + prefix + "' is not + and digits");
                });
        return rules;
    }

    /**
     * Refuses (403 {@code destination-not-allowed}, naming the rule in {@code rule}) a number an agent
     * gave as {@code field}: it starts with a denied prefix, or with none of the allowed ones.
     */
    public void check(String field, String number) {
        for (String prefix : denied) {
            if (number.startsWith(prefix)) {
                throw refused(field + " " + number + ": numbers starting with " + prefix + " are denied",
                        Map.of("kind", "denied-prefix", "prefix", prefix));
            }
        }
        if (!allowed.isEmpty() && allowed.stream().noneMatch(number::startsWith)) {
            throw refused(field + " " + number + ": only numbers starting with "
                    + String.join(", ", allowed) + " are allowed",
                    Map.of("kind", "allowed-prefixes", "prefixes", allowed));
        }
    }

    private static ProblemException refused(String detail, Map<String, Object> rule) {
        return new ProblemException(Problem.of(ProblemType.DESTINATION_NOT_ALLOWED, detail).with("rule", rule));
    }
}
