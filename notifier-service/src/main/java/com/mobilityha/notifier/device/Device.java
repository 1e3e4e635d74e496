package com.mobilityha.notifier.device;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/**
 * A push registration: platform, device token, the app (APNs topic / bundle id) and, for APNs, the
 * environment that issued the token (absent: production). Stored as JSON
 * with the registration time in epoch milliseconds: a fan-out reads thousands of these, and parsing
 * an ISO-8601 timestamp cost more than the rest of the record.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Device(Platform platform, String token, String appId,
                     @JsonFormat(shape = JsonFormat.Shape.NUMBER_INT,
                             without = {JsonFormat.Feature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS,
                                     JsonFormat.Feature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS})
                     Instant registeredAt, ApnsEnvironment environment) {

    /** Push services. */
    public enum Platform { APNS, FCM }

    /** APNs environments: development builds of an app get sandbox tokens. */
    public enum ApnsEnvironment { PRODUCTION, SANDBOX }

    /** The APNs environment to send through: production unless the app registered a sandbox token. */
    public ApnsEnvironment apnsEnvironment() {
        return environment == null ? ApnsEnvironment.PRODUCTION : environment;
    }

    /** The registration as answered to the app: the token is not echoed back. */
    public DeviceView view() {
        return new DeviceView(platform, appId, platform == Platform.APNS ? apnsEnvironment() : null, registeredAt);
    }

    /** What the app sees of its registration. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeviceView(Platform platform, String appId, ApnsEnvironment environment, Instant registeredAt) {
    }
}
