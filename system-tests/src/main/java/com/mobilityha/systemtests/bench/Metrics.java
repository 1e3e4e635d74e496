package com.mobilityha.systemtests.bench;

import com.mobilityha.systemtests.app.Http;
import com.mobilityha.systemtests.stack.LocalStack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sums of Prometheus series as the stack's processes export them ({@code /q/metrics}). */
final class Metrics {
    /** The 429s Amazon Connect itself answered a gateway (summed over operations and instances). */
    static final Pattern CONNECT_THROTTLED = Pattern.compile("mobility_connect_throttled_total\\{[^}]*} ([0-9.E]+)");

    private Metrics() {
    }

    /** The sum of every series {@code series} matches (its value in group 1) at one metrics endpoint. */
    static double total(String metricsUrl, Pattern series) {
        Matcher m = series.matcher(new Http(Duration.ofSeconds(5)).send("GET", metricsUrl, null, Map.of()).body());
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    /** Per value of {@code label}: the sum of the series of {@code metric} with that value, as {@code read} sums them. */
    static Map<String, Double> byLabel(ToDoubleFunction<Pattern> read, String metric, String label, List<String> values) {
        Map<String, Double> totals = new TreeMap<>();
        for (String value : values) {
            totals.put(value, read.applyAsDouble(Pattern.compile(Pattern.quote(metric) + "\\{[^}]*" + label + "=\""
                    + Pattern.quote(value) + "\"[^}]*} ([0-9.E]+)")));
        }
        return totals;
    }

    /** The sum over both sites' connect-gateways. */
    static double gateways(LocalStack stack, Pattern series) {
        double total = 0;
        for (String site : List.of("primary", "secondary")) {
            total += total(stack.site(site).service("connect-gateway").managementUrl() + "/q/metrics", series);
        }
        return total;
    }

    /** The connect-simulator's. */
    static double simulator(LocalStack stack, Pattern series) {
        return total(stack.simulator().managementUrl() + "/q/metrics", series);
    }
}
