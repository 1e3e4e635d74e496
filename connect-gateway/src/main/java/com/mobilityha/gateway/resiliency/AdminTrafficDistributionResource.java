package com.mobilityha.gateway.resiliency;

import com.mobilityha.common.admin.AdminAccess;
import com.mobilityha.common.company.Company;
import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.company.GlobalResiliency;
import com.mobilityha.common.ops.AuditedActions;
import com.mobilityha.common.session.SessionRecord.InstanceRef;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * B3: a Global Resiliency company's traffic distribution and its administrator's shifts (OIDC bearer token, role
 * {@code mobility-admin}, own company only). A shift is audited before it starts and started once per
 * {@code Idempotency-Key} ({@link AuditedActions}); a shift to where the company's shift in progress (or done)
 * goes already is that shift, answered again. A shift Connect refuses is Connect's 400 problem and moves nobody.
 */
@Path("/api/v1/admin/traffic-distributions/{companyCode}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(AdminAccess.ROLE)
public class AdminTrafficDistributionResource {
    private final SecurityIdentity admin;
    private final CompanyDirectory companies;
    private final TrafficDistributions distributions;
    private final TrafficShifts shifts;
    private final AuditedActions actions;

    AdminTrafficDistributionResource(SecurityIdentity admin, CompanyDirectory companies, TrafficDistributions distributions,
                                     TrafficShifts shifts, AuditedActions actions) {
        this.admin = admin;
        this.companies = companies;
        this.distributions = distributions;
        this.shifts = shifts;
        this.actions = actions;
    }

    @GET
    @Operation(summary = "B3: telephony, sign-in and agents per Region of the company's Global Resiliency pair, "
            + "its agents working on each instance, and its latest shift (the wave in progress)")
    public TrafficDistributionView distribution(@PathParam("companyCode") String companyCode) {
        Company company = AdminAccess.requireOwnCompany(admin, companies, companyCode);
        GlobalResiliency pair = TrafficShifts.pair(company);
        Map<String, Long> working = shifts.working(company).stream()
                .collect(Collectors.groupingBy(s -> s.instance().instanceId(), Collectors.counting()));
        return TrafficDistributionView.of(company.code(), pair, distributions.read(pair), working,
                shifts.latest(company).orElse(null));
    }

    @POST
    @Path("/shifts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "B3: shift the company's traffic to a Region {region, inWaves, pauseSeconds} (to the source's: "
            + "a fail-back) → 202 the shift; agents on a call move when it ends; a retry with the same Idempotency-Key, or "
            + "a shift to where one goes already, starts nothing again")
    public Response shift(@PathParam("companyCode") String companyCode, TrafficShiftRequest request,
                          @HeaderParam(AuditedActions.IDEMPOTENCY_KEY) String idempotencyKey) {
        Company company = AdminAccess.requireOwnCompany(admin, companies, companyCode);
        TrafficShiftRequest.validate(request);
        InstanceRef target = TrafficShifts.instanceIn(company, request.region());
        if (shifts.sameAs(company, target).isEmpty()) {
            String who = admin.getPrincipal().getName();
            boolean failBack = TrafficShifts.pair(company).source().equals(target);
            actions.run(new AuditedActions.Request(company.code(), who, failBack ? "TRAFFIC_FAILBACK_STARTED"
                    : "TRAFFIC_SHIFT_STARTED", (failBack ? "Fail-back of the traffic to the source instance ("
                    : "Traffic shift to the replica instance (") + target.region() + "), " + (request.waves()
                    ? "in 10 % waves every " + request.pause().toSeconds() + " s" : "all at once")
                    + "; agents on a call move when it ends", idempotencyKey),
                    shiftId -> shifts.start(company, target, request.waves(), request.pause(), who, shiftId));
        }
        return Response.accepted(shifts.latest(company).orElseThrow()).build();
    }
}
