package com.mobilityha.session.downstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityha.common.problem.Downstream;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The site's notifier-service as session-service uses it: a logout's devices, the console's notifications. */
@ApplicationScoped
public class NotifierService {
    private final NotifierDevicesApi devices;
    private final NotifierAdminApi admin;

    NotifierService(@RestClient NotifierDevicesApi devices, @RestClient NotifierAdminApi admin) {
        this.devices = devices;
        this.admin = admin;
    }

    /** Unregisters the push devices of the session of this bearer token. */
    public void unregisterDevices(String authorization) {
        Downstream.run("notifier-service", () -> guardedUnregisterDevices(authorization));
    }

    @Timeout
    void guardedUnregisterDevices(String authorization) {
        devices.unregister(authorization);
    }

    /**
     * Sends an administrator's ad-hoc notification; notifier-service's 202 answer. With the request's
     * {@code Idempotency-Key} (null: none), a retry sends nothing again.
     */
    public JsonNode sendNotification(String authorization, String idempotencyKey, JsonNode request) {
        return Downstream.call(() -> guardedSendNotification(authorization, idempotencyKey, request),
                AdminActions::unanswered);
    }

    @Timeout
    JsonNode guardedSendNotification(String authorization, String idempotencyKey, JsonNode request) {
        return admin.send(authorization, idempotencyKey, request);
    }
}
