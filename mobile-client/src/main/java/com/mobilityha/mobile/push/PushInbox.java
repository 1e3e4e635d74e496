package com.mobilityha.mobile.push;

import java.util.List;

/**
 * What the push service (APNs or FCM) delivered to this device, oldest first. On a phone the OS hands
 * the pushes to the app; in tests and the demo the mock push server's record is read.
 */
@FunctionalInterface
public interface PushInbox {
    List<ReceivedPush> received();
}
