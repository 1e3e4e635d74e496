package com.mobilityha.common.ops;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one failover did to each company it touched, counted while it runs (pushes queued, the
 * sessions they target, calls lost) and turned into each company's {@link FailoverEvent} at its end.
 * Not thread-safe: one failover, one thread.
 */
public final class FailoverTally {
    private final Map<String, Company> byCompany = new LinkedHashMap<>();

    /** A push queued for {@code sessions} sessions of the company. */
    public void pushed(String companyCode, String notificationId, long sessions) {
        Company company = of(companyCode);
        company.notificationIds.add(notificationId);
        company.sessions += sessions;
    }

    /** A call of the company lost with its Connect instance. */
    public void callLost(String companyCode) {
        of(companyCode).callsLost++;
    }

    /** The companies it touched, in the order it did. */
    public Set<String> companies() {
        return byCompany.keySet();
    }

    /** Sessions it pushed to, all companies together. */
    public long sessions() {
        return byCompany.values().stream().mapToLong(c -> c.sessions).sum();
    }

    /** The company's journal entry (all zero for a company it did not touch). */
    public FailoverEvent event(String companyCode, FailoverEvent.Kind kind, String subject, String handledBy, Instant at,
                               long detectionMillis, long handlingMillis) {
        Company company = byCompany.getOrDefault(companyCode, new Company());
        return new FailoverEvent(null, kind, subject, handledBy, at, detectionMillis, handlingMillis,
                company.sessions, company.callsLost, List.copyOf(company.notificationIds));
    }

    private Company of(String companyCode) {
        return byCompany.computeIfAbsent(companyCode, c -> new Company());
    }

    private static final class Company {
        final List<String> notificationIds = new ArrayList<>();
        long sessions;
        long callsLost;
    }
}
