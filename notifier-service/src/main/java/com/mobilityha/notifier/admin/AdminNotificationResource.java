package com.mobilityha.notifier.admin;

import com.mobilityha.common.admin.AdminAccess;
import com.mobilityha.common.company.Company;
import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.notification.Notification;
import com.mobilityha.common.notification.NotificationPublisher;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import com.mobilityha.common.notification.DeliveryReport;
import com.mobilityha.common.notification.NotificationReports;
import com.mobilityha.common.ops.AuditedActions;
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
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;

/**
 * Ad-hoc notifications (S9, S13) sent by a company's administrator (OIDC bearer token, role
 * {@code mobility-admin}, claim {@code company}) to their own company only; audited before they are
 * queued, and queued once per {@code Idempotency-Key} ({@link AuditedActions}).
 */
@Path("/api/v1/admin/notifications")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(AdminAccess.ROLE)
public class AdminNotificationResource {
    private static final Logger LOG = Logger.getLogger(AdminNotificationResource.class);

    private final SecurityIdentity admin;
    private final CompanyDirectory companies;
    private final AudienceResolver audiences;
    private final NotificationPublisher publisher;
    private final NotificationReports reports;
    private final AuditedActions actions;

    AdminNotificationResource(SecurityIdentity admin, CompanyDirectory companies, AudienceResolver audiences,
                              NotificationPublisher publisher, NotificationReports reports, AuditedActions actions) {
        this.admin = admin;
        this.companies = companies;
        this.audiences = audiences;
        this.publisher = publisher;
        this.reports = reports;
        this.actions = actions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send WAKE, RELOGIN, FAILBACK or MESSAGE to a company or listed users → 202 {notificationId}; "
            + "a retry with the same Idempotency-Key sends nothing again and answers the first notificationId")
    public Response send(NotificationRequest request, @HeaderParam(AuditedActions.IDEMPOTENCY_KEY) String idempotencyKey) {
        NotificationRequest.validate(request);
        Company company = AdminAccess.requireOwnCompany(admin, companies, request.companyCode());
        List<String> sessions = audiences.sessions(company, request.audience());
        String who = admin.getPrincipal().getName();
        AuditedActions.Outcome sent = actions.run(new AuditedActions.Request(company.code(), who, "NOTIFICATION_SENT",
                request.summary(sessions.size()), idempotencyKey), notificationId -> publisher.publish(notificationId,
                Notification.of(request.kind(), company.code(), sessions, who).saying(request.message())));
        LOG.infof("Admin %s %s %s %s to %d sessions of %s", who, sent.repeated() ? "repeated" : "queued",
                request.kind(), sent.actionId(), sessions.size(), company.code());
        return Response.accepted(Map.of("notificationId", sent.actionId())).build();
    }

    @GET
    @Path("/{notificationId}")
    @Operation(summary = "Delivery report: targeted, sent, failed, pruned")
    public DeliveryReport report(@PathParam("notificationId") String notificationId) {
        DeliveryReport report = reports.find(notificationId)
                .filter(r -> AdminAccess.ownCompany(admin, r.companyCode()))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No notification of your company has this id"));
        return report;
    }
}
