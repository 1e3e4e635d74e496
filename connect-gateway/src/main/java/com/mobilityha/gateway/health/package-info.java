/**
 * Health of each Amazon Connect instance: a probe independent of traffic plus the circuit breaker
 * give each pod its view (UP / DEGRADED / DOWN, {@code InstanceStateMachine}), counted only once the
 * pod's probe path is warm and only when this JVM ran on time ({@code JvmPauses}). The pods of both
 * sites report their views to Redis, where a quorum decides the shared state (compare-and-set with
 * an epoch); views and transitions drive readiness, routing, metrics and the failover duties.
 */
package com.mobilityha.gateway.health;
