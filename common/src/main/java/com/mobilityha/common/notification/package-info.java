/**
 * The notification stream every service publishes to (admin messages, WAKE on site takeover,
 * RELOGIN on instance failure, FAILBACK) and notifier-service delivers, and the delivery reports of
 * the notifications: push kinds, what a notification is, the stream entry's format ({@link
 * com.mobilityha.common.notification.Push}), the report's ({@link
 * com.mobilityha.common.notification.NotificationReports}), the publisher.
 */
package com.mobilityha.common.notification;
