/** APNs delivery with Pushy: one long-lived HTTP/2 client, token authentication, bounded concurrent sends, permanent and transient rejections kept apart. */
package com.mobilityha.notifier.apns;
