/** Metrics conventions shared by every service (histograms for the latencies dashboards and alerts use). */
package com.mobilityha.common.metrics;
