/**
 * When the credentials the notifier pushes with stop being valid, exported as
 * {@code notifier.credential.expiry.timestamp{platform,credential}} for those that have an end: the
 * FCM service account's key (as Google publishes its certificate) and a trusted APNs server
 * certificate when one is configured. The APNs .p8 signing key has no end (valid until revoked).
 */
package com.mobilityha.notifier.credentials;
