/**
 * The notification stream every service publishes to (admin messages, WAKE on site takeover,
 * RELOGIN on instance failure) and notifier-service delivers: entry format, keys, publisher.
 */
package com.mobilityha.common.notification;
