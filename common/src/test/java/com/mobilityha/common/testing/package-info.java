/**
 * Test fixtures shared by the modules through common's test-jar: real redis-server processes on
 * free loopback ports, and the Quarkus test resource that wires a service to one.
 */
package com.mobilityha.common.testing;
