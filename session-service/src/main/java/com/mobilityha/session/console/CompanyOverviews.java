package com.mobilityha.session.console;

import com.mobilityha.common.agent.OfflineDuties;
import com.mobilityha.common.company.Company;
import com.mobilityha.common.config.MobilityConfig;
import com.mobilityha.common.instance.ConnectInstanceStates;
import com.mobilityha.common.instance.SharedInstanceState;
import com.mobilityha.common.notification.NotificationReports;
import com.mobilityha.common.ops.AuditLog;
import com.mobilityha.common.ops.FailoverJournal;
import com.mobilityha.common.session.SessionRecord;
import com.mobilityha.common.session.SessionRepository;
import com.mobilityha.common.session.SessionStatus;
import com.mobilityha.common.site.SiteLiveness;
import com.mobilityha.common.site.SiteRecord;
import com.mobilityha.common.site.Takeover;
import com.mobilityha.session.console.CompanyOverview.InstanceView;
import com.mobilityha.session.console.CompanyOverview.SessionCounts;
import com.mobilityha.session.console.CompanyOverview.SiteView;
import com.mobilityha.session.site.SiteConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds a company's {@link CompanyOverview} from the shared Redis data set: site heartbeats and
 * takeovers, instance states, the company's sessions, its agents still to be set Offline, those made
 * unreachable by the reachability watchdog, its failover
 * journal, notifications and audit log. One build per company serves every administrator polling within {@link #FRESH}, so
 * the cost does not grow with the number of open consoles.
 */
@ApplicationScoped
public class CompanyOverviews {
    static final Duration FRESH = Duration.ofMillis(900);
    private static final int RECENT = 20;

    private final SiteLiveness liveness;
    private final SessionRepository sessions;
    private final FailoverJournal journal;
    private final NotificationReports reports;
    private final AuditLog audit;
    private final ConnectInstanceStates instanceStates;
    private final OfflineDuties offlineDuties;
    private final UnreachableAgentsQuery unreachable;
    private final SiteConfig sites;
    private final String site;
    private final Map<String, CompanyOverview> latest = new ConcurrentHashMap<>();

    CompanyOverviews(SiteLiveness liveness, SessionRepository sessions, FailoverJournal journal,
                     NotificationReports reports, AuditLog audit, ConnectInstanceStates instanceStates,
                     OfflineDuties offlineDuties, UnreachableAgentsQuery unreachable, SiteConfig sites,
                     MobilityConfig mobility) {
        this.liveness = liveness;
        this.instanceStates = instanceStates;
        this.offlineDuties = offlineDuties;
        this.unreachable = unreachable;
        this.sessions = sessions;
        this.journal = journal;
        this.reports = reports;
        this.audit = audit;
        this.sites = sites;
        this.site = mobility.site();
    }

    /** The company's overview, at most {@link #FRESH} old. */
    public CompanyOverview of(Company company) {
        CompanyOverview cached = latest.get(company.code());
        if (cached != null && cached.at().plus(FRESH).isAfter(Instant.now())) {
            return cached;
        }
        CompanyOverview fresh = build(company);
        latest.put(company.code(), fresh);
        return fresh;
    }

    /** Forgets the cached overview, so that an administrator's action shows at the next poll. */
    public void invalidate(String companyCode) {
        latest.remove(companyCode);
    }

    private CompanyOverview build(Company company) {
        List<SessionRecord> live = sessions.findAll(sessions.sessionsOfCompany(company.code())).stream()
                .filter(s -> s.status() != SessionStatus.ENDED)
                .toList();
        Map<String, SessionCounts> bySite = count(live, SessionRecord::site);
        Map<String, SessionCounts> byInstance = count(live, s -> s.instance().instanceId());
        SessionCounts total = bySite.values().stream().reduce(SessionCounts.NONE, SessionCounts::plus);
        return new CompanyOverview(company.code(), company.name(), site, Instant.now(),
                siteViews(company, bySite), instanceViews(company, byInstance), total, offlineDuties.pending(company.code()),
                unreachable.of(company, RECENT),
                journal.recent(company.code(), RECENT), reports.recent(company.code(), RECENT),
                audit.recent(company.code(), RECENT));
    }

    private List<SiteView> siteViews(Company company, Map<String, SessionCounts> bySite) {
        Duration ttl = sites.heartbeatTtl();
        Map<String, String> urls = company.mobilityServers().stream()
                .collect(Collectors.toMap(Company.MobilityServer::role, Company.MobilityServer::baseUrl, (a, b) -> a));
        return sites.names().stream().map(name -> {
            SiteRecord record = liveness.observe(name);
            String base = urls.get(name);
            return new SiteView(name, record.alive(), ttl.minus(record.heartbeatLeft().orElse(Duration.ZERO)).toMillis(),
                    record.takenOverBy().map(Takeover::record).orElse(null),
                    base == null ? null : base.replaceAll("/+$", "") + "/admin/",
                    bySite.getOrDefault(name, SessionCounts.NONE));
        }).toList();
    }

    private List<InstanceView> instanceViews(Company company, Map<String, SessionCounts> byInstance) {
        return company.connectInstances().stream().map(instance -> {
            Optional<SharedInstanceState> shared = instanceStates.read(instance.instanceId());
            return new InstanceView(instance.role(), instance.instanceId(), instance.region(),
                    shared.map(s -> s.state().name()).orElse("UNKNOWN"),
                    shared.map(s -> s.since().toString()).orElse(null), shared.map(SharedInstanceState::by).orElse(null),
                    byInstance.getOrDefault(instance.instanceId(), SessionCounts.NONE));
        }).toList();
    }

    private static Map<String, SessionCounts> count(List<SessionRecord> live, Function<SessionRecord, String> key) {
        return live.stream().collect(Collectors.groupingBy(key, Collectors.reducing(SessionCounts.NONE,
                CompanyOverviews::countOf, SessionCounts::plus)));
    }

    private static SessionCounts countOf(SessionRecord session) {
        boolean active = session.status() == SessionStatus.ACTIVE;
        return new SessionCounts(active ? 1 : 0, active ? 0 : 1, session.call() != null ? 1 : 0);
    }
}
