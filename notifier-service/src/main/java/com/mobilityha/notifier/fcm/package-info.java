/**
 * Android pushes through Firebase Cloud Messaging's HTTP v1 API: a service account's OAuth2 access
 * tokens (JWT bearer grant, cached until shortly before they expire), high-priority messages, and
 * FCM's error codes sorted into pruned tokens, retries and permanent failures.
 */
package com.mobilityha.notifier.fcm;
