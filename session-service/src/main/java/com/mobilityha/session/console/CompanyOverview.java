package com.mobilityha.session.console;

import com.mobilityha.common.notification.DeliveryReport;
import com.mobilityha.common.ops.AuditEntry;
import com.mobilityha.common.ops.FailoverEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;

/**
 * Everything the console shows of one company at one moment.
 *
 * @param servedBy             the site whose session-service built it
 * @param pendingOfflineDuties logged-out agents still to be set Offline on Connect by a gateway (their logout's
 *                             own Connect step was not confirmed)
 * @param unreachable          B8: agents the reachability watchdog made non-routable (all counted, the longest
 *                             unreachable listed)
 */
@RegisterForReflection
public record CompanyOverview(String companyCode, String companyName, String servedBy, Instant at,
                              List<SiteView> sites, List<InstanceView> instances, SessionCounts sessions,
                              long pendingOfflineDuties, UnreachableAgents unreachable, List<FailoverEvent> failovers, List<DeliveryReport> notifications,
                              List<AuditEntry> audit) {

    /**
     * A mobility site.
     *
     * @param alive              its heartbeat is present
     * @param heartbeatAgeMillis since its heartbeat was last renewed (the TTL or more when gone)
     * @param takenOverBy        the site that took over its sessions ({@code secondary:7}), null when none
     * @param consoleUrl         its console, for when this one is unreachable
     */
    @RegisterForReflection
    public record SiteView(String name, boolean alive, long heartbeatAgeMillis, String takenOverBy, String consoleUrl,
                           SessionCounts sessions) {
    }

    /**
     * A Connect instance of the company, as both sites' gateways recorded it.
     *
     * @param state UP, DEGRADED or DOWN; UNKNOWN before any gateway probed it
     * @param since when it entered that state
     * @param by    the site that recorded it
     */
    @RegisterForReflection
    public record InstanceView(String role, String instanceId, String region, String state, String since, String by,
                               SessionCounts sessions) {
    }

    /** Sessions by status, and those with a call in progress. */
    @RegisterForReflection
    public record SessionCounts(long active, long reloginRequired, long onCall) {
        static final SessionCounts NONE = new SessionCounts(0, 0, 0);

        SessionCounts plus(SessionCounts other) {
            return new SessionCounts(active + other.active, reloginRequired + other.reloginRequired,
                    onCall + other.onCall);
        }
    }
}
