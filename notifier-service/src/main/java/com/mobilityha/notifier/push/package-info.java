/**
 * Sending a push to a device, whatever its platform: the {@link com.mobilityha.notifier.push.PushSender}
 * each platform's package implements (apns, fcm), the one per platform ({@link
 * com.mobilityha.notifier.push.PushSenders}) and what a send came to ({@link
 * com.mobilityha.notifier.push.SendOutcome}).
 */
package com.mobilityha.notifier.push;
