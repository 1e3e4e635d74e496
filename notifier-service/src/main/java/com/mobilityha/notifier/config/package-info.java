/** Typed notifier settings (APNs, stream, reports). */
package com.mobilityha.notifier.config;
