/**
 * Monitoring as the admins have it, on the local stack: a real Prometheus scraping every service's
 * management port and evaluating the repository's alert rules ({@code k8s/monitoring}), and a watch that
 * tells when an alert fires and when it is resolved.
 */
package com.mobilityha.systemtests.monitoring;
