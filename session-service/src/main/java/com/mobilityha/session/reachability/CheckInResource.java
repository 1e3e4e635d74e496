package com.mobilityha.session.reachability;

import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.company.ReachabilityWatch;
import com.mobilityha.common.reachability.PhoneReachability;
import com.mobilityha.common.reachability.ReachedBy;
import com.mobilityha.common.session.SessionAuthenticator;
import com.mobilityha.common.session.SessionRecord;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;

/**
 * B8: the app checks in while it runs, every {@code checkInEvery} seconds it is told. The session's phone is
 * then known reachable (for the companies whose phones are watched) and the app learns whether the watchdog
 * made its agent non-routable while it was silent. Ended sessions are refused (401) like every call.
 */
@Path("/api/v1/session/check-ins")
@Produces(MediaType.APPLICATION_JSON)
public class CheckInResource {
    private final SessionAuthenticator authenticator;
    private final CompanyDirectory companies;
    private final PhoneReachability reachability;
    private final MeterRegistry metrics;

    CheckInResource(SessionAuthenticator authenticator, CompanyDirectory companies, PhoneReachability reachability,
                    MeterRegistry metrics) {
        this.authenticator = authenticator;
        this.companies = companies;
        this.reachability = reachability;
        this.metrics = metrics;
    }

    @POST
    @Operation(summary = "Check in: the phone is reachable; answers {checkInEvery: seconds, unreachable?: {since, "
            + "status}} (present when the agent was made non-routable while the phone was silent)")
    public CheckIn checkIn(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        SessionRecord session = authenticator.authenticate(authorization);
        ReachabilityWatch watch = companies.require(session.companyCode()).reachability();
        if (!watch.watched()) {
            metrics.counter("mobility.reachability.check.ins", "outcome", "not-watched").increment();
            return new CheckIn(watch.checkInEvery().toSeconds(), null);
        }
        Instant expiresAt = session.expiresAt() == null ? Instant.now().plusSeconds(43_200) : session.expiresAt();
        CheckIn.Unreachable unreachable = reachability.seen(session.sessionId(), ReachedBy.CHECK_IN, expiresAt)
                .map(mark -> new CheckIn.Unreachable(mark.at(), mark.status())).orElse(null);
        metrics.counter("mobility.reachability.check.ins", "outcome",
                unreachable == null ? "reachable" : "told-unreachable").increment();
        return new CheckIn(watch.checkInEvery().toSeconds(), unreachable);
    }
}
