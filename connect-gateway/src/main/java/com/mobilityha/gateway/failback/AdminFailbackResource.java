package com.mobilityha.gateway.failback;

import com.mobilityha.common.admin.AdminAccess;
import com.mobilityha.common.company.Company;
import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.company.FailbackPolicy;
import com.mobilityha.common.ops.AuditedActions;
import com.mobilityha.common.problem.Problem;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
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

import java.util.List;
import java.util.Map;

/**
 * Fail-back to the primary instance triggered by a company's administrator (S9, B2): OIDC bearer
 * token, role {@code mobility-admin}, own company only. Audited before it starts, and started once per
 * {@code Idempotency-Key} ({@link AuditedActions}).
 */
@Path("/api/v1/admin/failbacks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(AdminAccess.ROLE)
public class AdminFailbackResource {
    private final SecurityIdentity admin;
    private final CompanyDirectory companies;
    private final FailbackService failbacks;
    private final AuditedActions actions;

    AdminFailbackResource(SecurityIdentity admin, CompanyDirectory companies, FailbackService failbacks,
                          AuditedActions actions) {
        this.admin = admin;
        this.companies = companies;
        this.failbacks = failbacks;
        this.actions = actions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask agents not on the primary instance to sign in again there → 202 fail-back report; a retry "
            + "with the same Idempotency-Key starts nothing again and answers the first fail-back")
    public Response start(FailbackRequest request, @HeaderParam(AuditedActions.IDEMPOTENCY_KEY) String idempotencyKey) {
        FailbackRequest.validate(request);
        Company company = AdminAccess.requireOwnCompany(admin, companies, request.companyCode());
        boolean whenIdle = request.whenIdle() != null
                ? request.whenIdle()
                : company.failbackPolicy() == FailbackPolicy.WHEN_IDLE;
        String who = admin.getPrincipal().getName();
        List<String> away = failbacks.agentsAway(company);
        AuditedActions.Outcome started = actions.run(new AuditedActions.Request(company.code(), who,
                "FAILBACK_STARTED", "Fail-back to the primary instance, " + (whenIdle ? "each agent once off a call"
                : "all agents now") + " (" + away.size() + " agents on another instance)", idempotencyKey),
                failbackId -> failbacks.start(company, whenIdle, who, failbackId, away));
        return Response.accepted(failbacks.find(started.actionId()).orElseThrow(() -> new ProblemException(
                Problem.of(ProblemType.DEPENDENCY_UNAVAILABLE, "The fail-back of this Idempotency-Key is still "
                        + "being started; retry"), Map.of("Retry-After", "1")))).build();
    }

    @GET
    @Path("/{failbackId}")
    @Operation(summary = "How far a fail-back got: targeted, notified, waiting, dropped")
    public Failback report(@PathParam("failbackId") String failbackId) {
        return failbacks.find(failbackId)
                .filter(f -> AdminAccess.ownCompany(admin, f.companyCode()))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No fail-back of your company has this id"));
    }
}
