package com.mobilityha.notifier.device;

import com.mobilityha.common.company.CompanyDirectory;
import com.mobilityha.common.problem.ProblemException;
import com.mobilityha.common.problem.ProblemType;
import com.mobilityha.common.problem.Validator;
import com.mobilityha.common.session.SessionAuthenticator;
import com.mobilityha.common.session.SessionRecord;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
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
 * The app registers the device it runs on for pushes of its session: only apps its company allows
 * (a stolen session token must not point the company's pushes at another app), and at most
 * {@link DeviceRegistry#MAX_DEVICES_PER_SESSION} devices per session, the oldest unregistered first.
 */
@Path("/api/v1/devices/current")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceResource {
    private static final Pattern APNS_TOKEN = Pattern.compile("[0-9a-fA-F]{64,200}");
    private static final Pattern FCM_TOKEN = Pattern.compile("[A-Za-z0-9_:\\-]{20,4096}");
    private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,154}");

    private final SessionAuthenticator authenticator;
    private final DeviceRegistry devices;
    private final PushPlatforms platforms;
    private final CompanyDirectory companies;

    DeviceResource(SessionAuthenticator authenticator, DeviceRegistry devices, PushPlatforms platforms,
                   CompanyDirectory companies) {
        this.authenticator = authenticator;
        this.devices = devices;
        this.platforms = platforms;
        this.companies = companies;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register this device for pushes: {platform: APNS or FCM, token, appId (one the company "
            + "allows), environment: PRODUCTION (default) or SANDBOX for development builds, APNs only}; a session "
            + "keeps its " + DeviceRegistry.MAX_DEVICES_PER_SESSION + " newest devices")
    public Device.DeviceView register(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                      Registration registration) {
        SessionRecord session = authenticator.authenticate(authorization);
        Validator.of(registration).present("platform", registration.platform()).done();
        boolean apns = registration.platform() == Device.Platform.APNS;
        if (!platforms.serves(registration.platform())) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    registration.platform() + " is not configured for this deployment");
        }
        Validator.of(registration)
                .text("token", registration.token(), apns ? 200 : 4096, apns ? APNS_TOKEN : FCM_TOKEN)
                .text("appId", registration.appId(), 155, APP_ID)
                .check(apns || registration.environment() == null, "environment", "only APNs devices have one")
                .done();
        Validator.of(registration).check(allowed(session, registration.appId()), "appId",
                "is not an app of company " + session.companyCode() + ": ask its administrator to allow it").done();
        Instant expiresAt = session.expiresAt() == null ? Instant.now().plusSeconds(43_200) : session.expiresAt();
        String token = apns ? registration.token().toLowerCase(Locale.ROOT) : registration.token();
        Device.ApnsEnvironment environment = apns && registration.environment() == null
                ? Device.ApnsEnvironment.PRODUCTION : registration.environment();
        return devices.register(session.sessionId(), registration.platform(), token, registration.appId(),
                environment, expiresAt).view();
    }

    @DELETE
    @Operation(summary = "Unregister every device of this session")
    public Response unregister(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        devices.removeAll(authenticator.authenticate(authorization).sessionId());
        return Response.noContent().build();
    }

    private boolean allowed(SessionRecord session, String appId) {
        return companies.find(session.companyCode()).filter(c -> c.allowedApps().contains(appId)).isPresent();
    }

    /** The registration body; the token is never logged. */
    @RegisterForReflection
    public record Registration(Device.Platform platform, String token, String appId,
                               Device.ApnsEnvironment environment) {
        @Override
        public String toString() {
            return "Registration[platform=" + platform + ", appId=" + appId + ", environment=" + environment + "]";
        }
    }
}
