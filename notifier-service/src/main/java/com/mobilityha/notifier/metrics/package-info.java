/** Push metrics shared by the APNs and FCM senders, with their meters looked up once. */
package com.mobilityha.notifier.metrics;
