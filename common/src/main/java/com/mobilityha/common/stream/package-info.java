/**
 * At-least-once consumption of Redis Streams by consumer groups, shared by the services that deliver events, and
 * the trace context that stream entries carry from their producer to their consumer.
 */
package com.mobilityha.common.stream;
