package com.mobilityha.session.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mobilityha.common.admin.AdminAccess;
import com.mobilityha.common.company.Company;
import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.ops.AuditEntry;
import com.mobilityha.common.ops.AuditLog;
import com.mobilityha.common.ops.AuditedActions;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import com.mobilityha.common.problem.Validator;
import com.mobilityha.session.downstream.ConnectGateway;
import com.mobilityha.session.downstream.NotifierService;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.function.Supplier;

/**
 * The console's API, called by its page with the administrator's session cookie (OIDC code flow):
 * role {@code mobility-admin}, the administrator's own company only, 403 problems otherwise.
 * Actions go to the service that owns them with the administrator's access token.
 */
@Path("/admin/api")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(AdminAccess.ROLE)
public class ConsoleResource {
    private static final int MAX_AUDIT = 200;
    private static final int MAX_UNREACHABLE = 1000;

    private final SecurityIdentity admin;
    private final AccessTokenCredential accessToken;
    private final CompanyDirectory companies;
    private final CompanyOverviews overviews;
    private final UnreachableAgentsQuery unreachable;
    private final AuditLog audit;
    private final NotifierService notifier;
    private final ConnectGateway gateway;

    ConsoleResource(SecurityIdentity admin, AccessTokenCredential accessToken, CompanyDirectory companies,
                    CompanyOverviews overviews, UnreachableAgentsQuery unreachable, AuditLog audit, NotifierService notifier, ConnectGateway gateway) {
        this.admin = admin;
        this.accessToken = accessToken;
        this.companies = companies;
        this.overviews = overviews;
        this.unreachable = unreachable;
        this.audit = audit;
        this.notifier = notifier;
        this.gateway = gateway;
    }

    /** Who is signed in and which company they administer. */
    public record Me(String username, String companyCode, String companyName) {
    }

    @GET
    @Path("/me")
    @Operation(summary = "The signed-in administrator and their company")
    public Me me() {
        Company company = ownCompany(AdminAccess.companyOf(admin));
        return new Me(admin.getPrincipal().getName(), company.code(), company.name());
    }

    @GET
    @Path("/companies/{companyCode}/overview")
    @Operation(summary = "Sites, Connect instances, sessions, failovers, notifications and audit, live")
    public CompanyOverview overview(@PathParam("companyCode") String companyCode) {
        return overviews.of(ownCompany(companyCode));
    }

    @GET
    @Path("/companies/{companyCode}/audit")
    @Operation(summary = "The company's administrator actions, newest first")
    public List<AuditEntry> audit(@PathParam("companyCode") String companyCode,
                                  @QueryParam("limit") @DefaultValue("100") String limit) {
        return audit.recent(ownCompany(companyCode).code(), limit(limit, MAX_AUDIT));
    }

    @GET
    @Path("/companies/{companyCode}/unreachable-agents")
    @Operation(summary = "B8: the agents the reachability watchdog made non-routable, the longest unreachable first, "
            + "and their count")
    public UnreachableAgents unreachableAgents(@PathParam("companyCode") String companyCode,
                                               @QueryParam("limit") @DefaultValue("100") String limit) {
        return unreachable.of(ownCompany(companyCode), limit(limit, MAX_UNREACHABLE));
    }

    @POST
    @Path("/companies/{companyCode}/notifications")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send an ad-hoc notification {audience, kind, message} → 202 {notificationId}; "
            + "a retry with the same Idempotency-Key sends nothing again")
    public Response sendNotification(@PathParam("companyCode") String companyCode,
                                     @HeaderParam(AuditedActions.IDEMPOTENCY_KEY) String idempotencyKey, JsonNode request) {
        Company company = ownCompany(companyCode);
        ObjectNode body = forCompany(company, request);
        return act(company, () -> notifier.sendNotification(bearer(), idempotencyKey, body));
    }

    @POST
    @Path("/companies/{companyCode}/failbacks")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Fail back to the primary instance {whenIdle} → 202 fail-back report; "
            + "a retry with the same Idempotency-Key starts nothing again")
    public Response startFailback(@PathParam("companyCode") String companyCode,
                                  @HeaderParam(AuditedActions.IDEMPOTENCY_KEY) String idempotencyKey, JsonNode request) {
        Company company = ownCompany(companyCode);
        ObjectNode body = forCompany(company, request);
        return act(company, () -> gateway.startFailback(bearer(), idempotencyKey, body));
    }

    @GET
    @Path("/companies/{companyCode}/traffic-distribution")
    @Operation(summary = "B3: telephony, sign-in and agents per Region of the company's Global Resiliency pair, and "
            + "its latest traffic shift (the wave in progress); 404 for a company with independent instances")
    public JsonNode trafficDistribution(@PathParam("companyCode") String companyCode) {
        return gateway.trafficDistribution(bearer(), ownCompany(companyCode).code());
    }

    @POST
    @Path("/companies/{companyCode}/traffic-distribution/shifts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "B3: shift the traffic to a Region {region, inWaves, pauseSeconds} (to the source's: a "
            + "fail-back) → 202 the shift; a retry with the same Idempotency-Key, or a shift to where one goes "
            + "already, starts nothing again")
    public Response shiftTraffic(@PathParam("companyCode") String companyCode,
                                 @HeaderParam(AuditedActions.IDEMPOTENCY_KEY) String idempotencyKey, JsonNode request) {
        Company company = ownCompany(companyCode);
        ObjectNode body = object(request);
        return act(company, () -> gateway.shiftTraffic(bearer(), idempotencyKey, company.code(), body));
    }

    /** A {@code limit} parameter from 1 to {@code max}; anything else is a 400 problem. */
    private static int limit(String limit, int max) {
        boolean valid = limit.matches("[0-9]{1,4}") && Integer.parseInt(limit) >= 1 && Integer.parseInt(limit) <= max;
        Validator.of(limit).check(valid, "limit", "must be a number from 1 to " + max).done();
        return Integer.parseInt(limit);
    }

    private Company ownCompany(String companyCode) {
        return AdminAccess.requireOwnCompany(admin, companies, companyCode);
    }

    private static ObjectNode forCompany(Company company, JsonNode request) {
        return object(request).put("companyCode", company.code());
    }

    private static ObjectNode object(JsonNode request) {
        if (request == null || !request.isObject()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "The body must be a JSON object");
        }
        return (ObjectNode) request.deepCopy();
    }

    private String bearer() {
        return "Bearer " + accessToken.getToken();
    }

    /**
     * Carries out an action; the owning service's answer goes back as is: 202, or its problem (relayed
     * by the service's client, as is an unanswered action's 503).
     */
    private Response act(Company company, Supplier<JsonNode> call) {
        JsonNode accepted = call.get();
        overviews.invalidate(company.code());
        return Response.accepted(accepted).build();
    }
}
