package com.mobilityha.notifier.push;

import com.mobilityha.common.notification.Push;
import com.mobilityha.notifier.device.Device;

import java.util.concurrent.CompletableFuture;

/**
 * Sends pushes to the devices of one platform through its push service (APNs, FCM). Each sender
 * keeps one long-lived client, bounds the sends in flight, records their metrics and sorts the push
 * service's answers into {@link SendOutcome}s; {@link PushSenders} picks the sender of a device.
 */
public interface PushSender {

    /** The platform whose devices this sender reaches. */
    Device.Platform platform();

    /** True when this deployment has the credentials to push to the platform. */
    boolean configured();

    /** Sends one push to one device of the platform; waits for a free slot when too many are in flight. */
    CompletableFuture<SendOutcome> send(Device device, Push push) throws InterruptedException;
}
