package com.mobilityha.notifier.ack;

import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.notification.NotificationReports;
import com.mobilityha.common.notification.NotificationReports.Acknowledgement;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import com.mobilityha.common.problem.Validator;
import com.mobilityha.common.reachability.PhoneReachability;
import com.mobilityha.common.reachability.ReachedBy;
import com.mobilityha.common.session.SessionAuthenticator;
import com.mobilityha.common.session.SessionRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The app says it received a push ({@code notificationId} from the payload): the notification's report counts
 * the session as delivered, once however often the push arrived, and the session's phone is known reachable
 * (B8). A notification that is unknown, expired or was not sent to this session is a 404 that changes nothing,
 * the same for all three so that ids of other sessions' notifications cannot be probed.
 */
@Path("/api/v1/devices/current/acks")
@Produces(MediaType.APPLICATION_JSON)
public class PushAckResource {
    private static final Pattern NOTIFICATION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final SessionAuthenticator authenticator;
    private final NotificationReports reports;
    private final PhoneReachability reachability;
    private final CompanyDirectory companies;
    private final MeterRegistry metrics;

    PushAckResource(SessionAuthenticator authenticator, NotificationReports reports, PhoneReachability reachability,
                    CompanyDirectory companies, MeterRegistry metrics) {
        this.authenticator = authenticator;
        this.reports = reports;
        this.reachability = reachability;
        this.companies = companies;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Acknowledge a push this device received: {notificationId} from its payload; 204, also "
            + "for a push acknowledged before; 404 for a notification this session was not sent")
    public Response acknowledge(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, Ack ack) {
        SessionRecord session = authenticator.authenticate(authorization);
        Validator.of(ack).text("notificationId", ack.notificationId(), 64, NOTIFICATION_ID).done();
        Acknowledgement outcome = reports.acknowledge(ack.notificationId(), session.sessionId());
        metrics.counter("mobility.push.acks", "outcome", outcome.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .increment();
        if (outcome == Acknowledgement.NOT_A_TARGET) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No notification " + ack.notificationId()
                    + " was sent to this session");
        }
        if (companies.require(session.companyCode()).reachability().watched()) {
            reachability.seen(session.sessionId(), ReachedBy.PUSH_ACK,
                    session.expiresAt() == null ? Instant.now().plusSeconds(43_200) : session.expiresAt());
        }
        return Response.noContent().build();
    }

    /** The acknowledgement's body. */
    @RegisterForReflection
    public record Ack(String notificationId) {
    }
}
