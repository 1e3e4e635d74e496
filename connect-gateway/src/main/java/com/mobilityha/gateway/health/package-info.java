/**
 * Health of each Amazon Connect instance: a probe independent of traffic plus the circuit breaker
 * give UP / DEGRADED / DOWN; transitions are shared by both sites in Redis (compare-and-set with
 * an epoch) and drive readiness, routing and metrics.
 */
package com.mobilityha.gateway.health;
