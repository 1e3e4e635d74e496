package com.mobilityha.gateway.reachability;

import com.mobilityha.common.company.Company;
import com.mobilityha.common.ops.FailoverJournal;
import com.mobilityha.common.site.SiteLiveness;
import com.mobilityha.common.site.SiteRecord;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * When a phone's silence says nothing: during a site or instance failover its app may not get through, and
 * the failover's own pushes (WAKE, RELOGIN) are the check. A site whose heartbeat lapsed and that still
 * serves sessions nobody has taken over yet holds the watchdog for every company; after a company's
 * latest failover (site takeover or handover, instance down or up: its journal) its phones' silence counts
 * only from the end of that failover's handling. Sessions on an instance not UP are the instance's
 * failover's (checked by the watchdog per session).
 */
@ApplicationScoped
public class FailoverHold {
    private final SiteLiveness sites;
    private final FailoverJournal journal;

    FailoverHold(SiteLiveness sites, FailoverJournal journal) {
        this.sites = sites;
        this.journal = journal;
    }

    /** A site of these is failing and its sessions are not yet taken over. */
    public Optional<String> siteFailoverUnderWay(Collection<String> siteRoles) {
        return siteRoles.stream().map(sites::observe)
                .filter(site -> !site.alive() && site.takenOverBy().isEmpty() && site.sessions() > 0)
                .map(SiteRecord::site).findFirst();
    }

    /** When the company's latest failover finished its handling (empty: none on record). */
    public Optional<Instant> lastFailoverHandled(Company company) {
        return journal.recent(company.code(), 1).stream().findFirst()
                .map(event -> event.at().plusMillis(Math.max(0, event.handlingMillis())));
    }
}
