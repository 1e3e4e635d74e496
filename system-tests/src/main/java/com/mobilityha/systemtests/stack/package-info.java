/**
 * The local stack of one mobility site on loopback: redis-server, the dev IdP, a mock APNs server,
 * the connect-simulator and the four services as separate JVM processes.
 */
package com.mobilityha.systemtests.stack;
