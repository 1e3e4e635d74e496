package com.mobilityha.notifier.device;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/** A push registration: platform, device token and the app (APNs topic / bundle id). */
@RegisterForReflection
public record Device(Platform platform, String token, String appId, Instant registeredAt) {

    /** Push services. */
    public enum Platform { APNS, FCM }

    /** The registration as answered to the app: the token is not echoed back. */
    public DeviceView view() {
        return new DeviceView(platform, appId, registeredAt);
    }

    /** What the app sees of its registration. */
    @RegisterForReflection
    public record DeviceView(Platform platform, String appId, Instant registeredAt) {
    }
}
